import type { DispatchRequest } from '../events/emulator-events.ts';
import { contentExemptFor, withoutContent } from '../payloads/message-content.ts';
import { threadVisibleTo } from '../world/permissions.ts';
import type { World } from '../world/world.ts';
import { hasIntent, type IntentName } from './intents.ts';
import type { GatewaySession } from './session.ts';
import type { SessionStore } from './session-store.ts';

const GUILDS_EVENTS = new Set([
  'GUILD_CREATE',
  'GUILD_UPDATE',
  'GUILD_DELETE',
  'GUILD_ROLE_CREATE',
  'GUILD_ROLE_UPDATE',
  'GUILD_ROLE_DELETE',
  'CHANNEL_CREATE',
  'CHANNEL_UPDATE',
  'CHANNEL_DELETE',
  'THREAD_CREATE',
  'THREAD_UPDATE',
  'THREAD_DELETE',
  'THREAD_MEMBER_UPDATE',
  // Without GuildMembers only the bot's own joins and leaves (the thread actions filter them).
  'THREAD_MEMBERS_UPDATE',
]);
const MEMBER_EVENTS = new Set(['GUILD_MEMBER_ADD', 'GUILD_MEMBER_UPDATE', 'GUILD_MEMBER_REMOVE']);
const MODERATION_EVENTS = new Set(['GUILD_BAN_ADD', 'GUILD_BAN_REMOVE', 'GUILD_AUDIT_LOG_ENTRY_CREATE']);
const MESSAGE_EVENTS = new Set(['MESSAGE_CREATE', 'MESSAGE_UPDATE', 'MESSAGE_DELETE']);
const REACTION_EVENTS = new Set([
  'MESSAGE_REACTION_ADD',
  'MESSAGE_REACTION_REMOVE',
  'MESSAGE_REACTION_REMOVE_ALL',
  'MESSAGE_REACTION_REMOVE_EMOJI',
]);

/**
 * The intent `botUserId`'s session needs to receive `event` (null: no intent needed, as
 * INTERACTION_CREATE).
 */
export function requiredIntent(
  event: string,
  data: Record<string, unknown>,
  botUserId: string,
): IntentName | null {
  if (GUILDS_EVENTS.has(event)) return 'Guilds';
  // Discord sends a bot its own member updates whatever its intents (Gateway Intents).
  if (event === 'GUILD_MEMBER_UPDATE' && isAbout(data, botUserId)) return null;
  if (MEMBER_EVENTS.has(event)) return 'GuildMembers';
  if (MODERATION_EVENTS.has(event)) return 'GuildModeration';
  if (event === 'VOICE_STATE_UPDATE') return 'GuildVoiceStates';
  if (event === 'WEBHOOKS_UPDATE') return 'GuildWebhooks';
  if (event === 'PRESENCE_UPDATE') return 'GuildPresences';
  if (MESSAGE_EVENTS.has(event)) return 'guild_id' in data ? 'GuildMessages' : 'DirectMessages';
  if (REACTION_EVENTS.has(event))
    return 'guild_id' in data ? 'GuildMessageReactions' : 'DirectMessageReactions';
  // Pins in a guild channel come with Guilds; in a DM with DirectMessages.
  if (event === 'CHANNEL_PINS_UPDATE') return 'guild_id' in data ? 'Guilds' : 'DirectMessages';
  return null;
}

function isAbout(data: Record<string, unknown>, userId: string): boolean {
  const user = data.user;
  return typeof user === 'object' && user !== null && (user as { id?: unknown }).id === userId;
}

/**
 * Fans world events out to gateway sessions: only bots the event concerns, only sessions whose
 * shard covers the guild, only with the intents Discord requires, message content blanked
 * without MessageContent (except in DMs, the bot's own messages and messages mentioning it).
 */
export class Dispatcher {
  constructor(
    private readonly world: World,
    private readonly sessions: SessionStore,
  ) {}

  handle(request: DispatchRequest): void {
    for (const session of this.sessions.all()) {
      if (!this.concerns(session, request)) continue;
      const data = typeof request.data === 'function' ? request.data(session.view()) : request.data;
      if (!data) continue;
      const intent = requiredIntent(request.event, data, session.botUserId);
      if (intent && !hasIntent(session.intents, intent)) continue;
      if (this.inHiddenThread(session, data)) continue;
      session.dispatch(request.event, this.visibleTo(session, request, data));
    }
  }

  private concerns(session: GatewaySession, request: DispatchRequest): boolean {
    const { audience } = request;
    if ('botUserId' in audience) {
      if (session.botUserId !== audience.botUserId) return false;
      return session.covers(audience.guildId ?? null);
    }
    if (audience.exceptBotUserId === session.botUserId) return false;
    const guild = this.world.guilds.get(audience.guildId);
    if (!guild?.members.has(session.botUserId)) return false;
    return session.covers(guild.id);
  }

  /** Messages, reactions and pins of a private thread reach only bots that can see the thread. */
  private inHiddenThread(session: GatewaySession, data: Record<string, unknown>): boolean {
    const channel =
      typeof data.channel_id === 'string' ? this.world.channels.get(data.channel_id) : undefined;
    const guild = channel?.thread && channel.guildId ? this.world.guilds.get(channel.guildId) : undefined;
    return (
      channel !== undefined && guild !== undefined && !threadVisibleTo(guild, channel, session.botUserId)
    );
  }

  private visibleTo(
    session: GatewaySession,
    request: DispatchRequest,
    data: Record<string, unknown>,
  ): Record<string, unknown> {
    const message = request.message;
    if (!message || hasIntent(session.intents, 'MessageContent')) return data;
    return contentExemptFor(message, session.botUserId) ? data : withoutContent(data);
  }
}
