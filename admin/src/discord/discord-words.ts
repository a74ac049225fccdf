import type { TranslateFunction } from 'react-admin';
import type { DiscordChannel, DiscordRole, GuildDirectory, RoleProblemCode } from './guild-directory.ts';
import type { GuildDirectoryState } from './use-guild-directory.ts';

const problemKeys: Record<RoleProblemCode, string> = {
  everyone: 'tandem.discord.problem.everyone',
  managed: 'tandem.discord.problem.managed',
  'above-bot': 'tandem.discord.problem.aboveBot',
  'no-manage-roles': 'tandem.discord.problem.noManageRoles',
};

/**
 * Why Tandem cannot give `role`, with the fix, in the panel's language; the API's English sentence
 * when it names a problem the panel does not know yet. `bot` tells a role level with Tandem's, or
 * Tandem's own, from one above it.
 */
export function roleProblemText(
  translate: TranslateFunction,
  role: DiscordRole,
  bot?: GuildDirectory['bot'],
): string | undefined {
  const problem = role.problem;
  if (!problem) return role.assignable ? undefined : translate('tandem.discord.problem.unknown');
  const key =
    problem.code === 'above-bot' && bot && role.id === bot.topRoleId
      ? 'tandem.discord.problem.botOwnRole'
      : problem.code === 'above-bot' && bot && role.position === bot.topRolePosition
        ? 'tandem.discord.problem.levelWithBot'
        : problemKeys[problem.code];
  return key ? translate(key, { ...problem.params, _: problem.message }) : problem.message;
}

/** Why the ids are typed by hand on this page, in the panel's language. */
export function notReadyText(translate: TranslateFunction, state: GuildDirectoryState): string {
  const notReady = state.notReady;
  if (!notReady) return '';
  // The API's reason is an English sentence; a failed call gives one of the panel's message keys.
  const reason = notReady.reason.startsWith('tandem.')
    ? translate(notReady.reason)
    : notReady.reason || translate('tandem.discord.noReason');
  const key = {
    'not-configured': 'tandem.discord.notConfigured',
    unreachable: 'tandem.discord.unreachable',
    failed: 'tandem.discord.failed',
  }[notReady.status];
  return translate(key, { reason });
}

/** A channel's name as Discord writes it in text: `#general`; voice channels go without the sign. */
export function channelName(channel: DiscordChannel): string {
  return channel.type === 'voice' || channel.type === 'stage' || channel.type === 'category'
    ? channel.name
    : `#${channel.name}`;
}
