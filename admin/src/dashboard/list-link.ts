/** A react-admin list URL with filters applied (the list reads them from the query string). */
export function listLink(resource: string, filter: Record<string, unknown> = {}): string {
  const query = new URLSearchParams({ filter: JSON.stringify(filter) });
  return `/${resource}?${query.toString()}`;
}
