import type { EmulatorContext } from '../../actions/context.ts';
import { discordErrors } from '../../errors.ts';
import type { GuildRecord } from '../../world/types.ts';
import type { AuthenticatedBot } from '../rest-call.ts';

/** What route families need besides the world. */
export interface RouteDeps {
  emulator: EmulatorContext;
  gatewayUrl: () => string;
}

/** A guild the bot is in; 10004 when it does not exist, 50001 when the bot is not a member. */
export function guildOfBot(deps: RouteDeps, bot: AuthenticatedBot, guildId: string): GuildRecord {
  const guild = deps.emulator.world.requireGuild(guildId);
  if (!guild.members.has(bot.user.id)) throw discordErrors.missingAccess();
  return guild;
}
