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
  /** `what` names the failures: sign-ins, or current passwords typed wrong on a password change. */
  constructor(
    readonly retryAfterSeconds: number,
    what = 'failed sign-ins',
  ) {
    super(
      429,
      `Too many ${what}. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? 's' : ''}.`,
    );
  }
}
