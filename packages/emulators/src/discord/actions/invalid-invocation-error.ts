/** A scripted user action Discord's client would not allow (unknown command, bad option...). */
export class InvalidInvocationError extends Error {
  override name = 'InvalidInvocationError';
}
