import type { Logger } from '../../logging/logger.ts';
import { errorReply, isRefusal } from '../../replies/errors.ts';

/**
 * Logs why a slash command did not do what was asked. An expected refusal (a wrong link code, an
 * account linked already, too few coins) is the player's to fix and no incident: info, with the
 * answer they got and no stack. Anything else is Tandem's failure: error, with the error's stack.
 */
export function logCommandError(
  logger: Pick<Logger, 'error' | 'info'>,
  error: unknown,
  context: { command: string; userId: string },
): void {
  if (isRefusal(error)) logger.info({ ...context, reason: errorReply(error) }, 'slash command refused');
  else logger.error({ ...context, err: error }, 'slash command failed');
}
