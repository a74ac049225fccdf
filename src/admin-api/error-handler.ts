import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logging/logger.ts';
import { HttpError, toHttpError } from './http/http-error.ts';

/** Errors of express's body parser (http-errors): a client mistake with a status of its own. */
function bodyParserError(error: unknown): HttpError | null {
  if (!(error instanceof Error) || !('type' in error) || !('status' in error)) return null;
  const status = Number(error.status);
  if (status < 400 || status >= 500) return null;
  if (error.type === 'entity.parse.failed') return new HttpError(400, 'The request body is not valid JSON.');
  if (error.type === 'entity.too.large') return new HttpError(413, 'The request body is too large.');
  return new HttpError(status, 'The request body could not be read.');
}

/**
 * express's router decodes each path parameter with decodeURIComponent; a malformed %-escape
 * (`/api/players/%E0%A4%A`) throws a URIError there, marked status 400, before any route runs.
 */
function pathDecodingError(error: unknown, path: string): HttpError | null {
  if (!(error instanceof URIError) || (error as { status?: unknown }).status !== 400) return null;
  return new HttpError(400, `The path ${path} has a malformed %-escape: it does not decode to text.`);
}

/**
 * The API's last handler: every error thrown by a route or middleware (express 5 forwards rejected
 * promises here) answers through `toHttpError`. Only unexpected ones (500) are logged with their
 * stack; their details never reach the answer.
 */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { status, body } = toHttpError(
      bodyParserError(error) ?? pathDecodingError(error, req.originalUrl.split('?')[0]!) ?? error,
    );
    if (status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json(body);
  };
}

/** A JSON 404 for an `/api` path no route answered. */
export function apiNotFound(): RequestHandler {
  return (req, _res) => {
    throw new HttpError(404, `No such API route: ${req.method} ${req.baseUrl}${req.path}`);
  };
}
