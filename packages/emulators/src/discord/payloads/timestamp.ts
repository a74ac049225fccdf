/**
 * An ISO8601 timestamp as Discord writes it in API objects: microsecond precision and an explicit
 * `+00:00` offset (`2017-07-11T17:27:07.299000+00:00`), not JavaScript's `...07.299Z`. Clients that
 * parse the string strictly (or compare it) see the same text as in production.
 */
export function discordTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000+00:00');
}
