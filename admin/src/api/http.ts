import { fetchUtils, HttpError } from 'react-admin';

/** Where the Tandem API lives: the same origin as the panel, so the session cookie goes along. */
export const apiUrl = '/api';

/**
 * Every API call of the panel. `fetchJson` turns a non-2xx answer into an `HttpError` whose `body` is
 * the API's `{message, errors}`: react-admin shows `message` and puts `errors.<field>` next to fields.
 */
export function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  // The API refuses a write without a body unless it carries this header: another site's page
  // cannot send it (the API grants no CORS), so it proves the call comes from the panel.
  headers.set('X-Requested-With', 'tandem-admin');
  return fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' });
}

/** Calls `path` under `/api`. */
export function fetchApi(path: string, options: fetchUtils.Options = {}) {
  return httpClient(`${apiUrl}${path}`, options);
}

/** POSTs a JSON body and returns the parsed answer. */
export async function postJson<T = unknown>(path: string, body: unknown = {}): Promise<T> {
  const { json } = await fetchApi(path, { method: 'POST', body: JSON.stringify(body) });
  return json as T;
}

/**
 * The message a person should read for a failed call, whatever was thrown: the API's own message,
 * or a message key of the panel (shown through `translate(message, { _: message })`).
 */
export function errorMessage(error: unknown): string {
  if (error instanceof HttpError) {
    if (error.status === 0 || error.status === 502 || error.status === 503) {
      return 'tandem.errors.unavailable';
    }
    return error.message || `The request failed (HTTP ${error.status}).`;
  }
  if (error instanceof TypeError) return 'tandem.errors.unreachable';
  if (error instanceof Error) return error.message;
  return 'tandem.errors.unknown';
}
