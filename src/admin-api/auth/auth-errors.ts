import { HttpError } from '../http/http-error.ts';

/** A wrong username and a wrong password get the same words: the answer must not tell which. */
export class WrongCredentialsError extends HttpError {
  override name = 'WrongCredentialsError';
  constructor() {
    super(401, 'Wrong username or password.');
  }
}

export class TooManyLoginAttemptsError extends HttpError {
  override name = 'TooManyLoginAttemptsError';
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? 's' : ''}.`,
    );
  }
}
