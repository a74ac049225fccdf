import type { Translate } from '../texts/texts.ts';

/**
 * The few answers only the Telegram bot needs: on Discord, slash commands are picked from a list
 * with typed options, so there is no mistyped command, no free-text argument to explain and no plain
 * message to interpret. Everything else comes from src/replies, shared by both bots.
 */

/** A command this bot does not have. */
export function unknownCommandReply(t: Translate): string {
  return t('reply.unknownCommand');
}

/** A plain message that is neither an answer the bot asked for nor a guess in a running game. */
export function notUnderstoodReply(t: Translate): string {
  return t('reply.notUnderstood');
}

/** `/payout` without an amount, or with something that is not a whole number. */
export function payoutUsageReply(t: Translate): string {
  return t('reply.payout.usage');
}

/** `/link` in a group: a code shown there could be redeemed by anyone who reads it. */
export function linkInPrivateReply(t: Translate, username: string): string {
  return t('reply.link.privateOnly', { bot: username });
}
