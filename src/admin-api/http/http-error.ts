import { isContentError } from '../../content/errors.ts';
import { isPayoutError } from '../../payouts/errors.ts';
import {
  IdempotencyConflictError,
  InsufficientBalanceError,
  InvalidChangeError,
  NegativeXpError,
  PlayerMergedError,
  PlayerNotFoundError,
} from '../../sync/errors.ts';
import { isTaskError } from '../../tasks/errors.ts';

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

/** An error the HTTP layer raises itself (not found, refused, malformed request). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

const notFoundNames = new Set([
  'PlayerNotFoundError',
  'ContentNotFoundError',
  'TaskNotFoundError',
  'SubmissionNotFoundError',
  'PayoutNotFoundError',
]);

const conflictNames = new Set([
  'VersionConflictError',
  'PayoutVersionConflictError',
  'PayoutAlreadyDecidedError',
  'SubmissionAlreadyDecidedError',
  'ScenarioInUseError',
  'TaskHasSubmissionsError',
  'TaskAlreadyPendingError',
  'TaskAlreadyApprovedError',
  'PayoutRequestConflictError',
]);

function withFields(status: number, message: string, fields: Record<string, string>): HttpErrorResponse {
  const errors: HttpErrorBody['errors'] = { root: { serverError: message } };
  for (const [path, text] of Object.entries(fields)) if (path !== '_') errors[path] = text;
  return { status, body: { message, errors } };
}

/**
 * One place turns Tandem's named errors into HTTP answers: bad input 400 with per-field messages,
 * a missing record 404, a stale version or a decision already taken 409. Anything unnamed is a 500
 * whose details stay in the log, never in the answer.
 */
export function toHttpError(error: unknown): HttpErrorResponse {
  if (error instanceof HttpError) return withFields(error.status, error.message, error.fields);
  if (error instanceof InvalidChangeError) return withFields(400, error.message, error.fields);
  if (error instanceof Error && notFoundNames.has(error.name)) {
    return { status: 404, body: { message: error.message } };
  }
  if (error instanceof Error && conflictNames.has(error.name)) {
    return withFields(409, error.message, {});
  }
  if (
    error instanceof InsufficientBalanceError ||
    error instanceof NegativeXpError ||
    error instanceof PlayerMergedError
  ) {
    return withFields(400, error.message, {});
  }
  if (error instanceof PlayerNotFoundError) return { status: 404, body: { message: error.message } };
  if (error instanceof IdempotencyConflictError) return withFields(409, error.message, {});
  if (isContentError(error) || isTaskError(error) || isPayoutError(error)) {
    return withFields(400, (error as Error).message, {});
  }
  return {
    status: 500,
    body: { message: 'Something went wrong on the server; the details are in its log.' },
  };
}
