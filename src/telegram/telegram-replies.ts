/**
 * The few answers only the Telegram bot needs: on Discord, slash commands are picked from a list
 * with typed options, so there is no mistyped command, no free-text argument to explain and no plain
 * message to interpret. Everything else comes from src/replies, shared by both bots.
 */

/** A command this bot does not have. */
export function unknownCommandReply(): string {
  return "I don't know that command. Send /help to see what I can do.";
}

/** A plain message that is neither an answer the bot asked for nor a guess in a running game. */
export function notUnderstoodReply(): string {
  return 'I answer commands: send /start for the menu or /help for the list.';
}

/** `/payout` without an amount, or with something that is not a whole number. */
export function payoutUsageReply(): string {
  return 'Say how many coins to withdraw, as a whole number: /payout 100. Your balance is in /profile.';
}

/** `/link` in a group: a code shown there could be redeemed by anyone who reads it. */
export function linkInPrivateReply(username: string): string {
  return `Link codes are private: send /link to me in a direct chat (@${username}).`;
}
