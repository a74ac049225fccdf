import { type ErrorKind, TandemError } from '../../core/errors.ts';

/**
 * The body of every error answer. `errors` maps a form field to its message: react-admin shows each
 * next to its field (its server-side validation contract); `root.serverError` is the form-level one.
 */
export interface HttpErrorBody {
  message: string;
  errors?: Record<string, string | { serverError: string }>;
}

export interface HttpErrorResponse {
  status: number;
  body: HttpErrorBody;
}

/** An error the HTTP layer raises itself (not found, refused, malformed request), with its status. */
export class HttpError extends TandemError {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    fields: Record<string, string> = {},
  ) {
    super(kindOfStatus(status), message, { fields });
  }
}

function kindOfStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  return status < 500 ? 'invalid' : 'internal';
}

const serverFault: HttpErrorResponse = {
  status: 500,
  body: { message: 'Something went wrong on the server; the details are in its log.' },
};

function withFields(
  status: number,
  message: string,
  fields: Readonly<Record<string, string>>,
): HttpErrorResponse {
  const errors: HttpErrorBody['errors'] = { root: { serverError: message } };
  for (const [path, text] of Object.entries(fields)) if (path !== '_') errors[path] = text;
  return { status, body: { message, errors } };
}

/**
 * One place turns Tandem's errors into HTTP answers, by their kind: bad input 400 with per-field
 * messages, a rule's refusal 400, a missing record 404, a stale version or a decision already taken
 * 409. A platform's failure and anything unnamed is a 500 whose details stay in the log, never in
 * the answer: the admin did nothing wrong.
 */
export function toHttpError(error: unknown): HttpErrorResponse {
  if (!(error instanceof TandemError)) return serverFault;
  // The HTTP layer's own errors name their status: 405, 413 and 415 have no kind of their own.
  if (error instanceof HttpError) return withFields(error.status, error.message, error.fields);
  switch (error.errorKind) {
    case 'invalid':
    case 'refused':
      return withFields(400, error.message, error.fields);
    case 'forbidden':
      return withFields(403, error.message, error.fields);
    case 'not_found':
      return { status: 404, body: { message: error.message } };
    case 'conflict':
      return withFields(409, error.message, error.fields);
    case 'rate_limited':
      return withFields(429, error.message, error.fields);
    case 'upstream':
    case 'internal':
      return serverFault;
  }
}
