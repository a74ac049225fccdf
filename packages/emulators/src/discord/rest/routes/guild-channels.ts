import { z } from 'zod';
import { createChannel, deleteChannel, updateChannel } from '../../actions/channels.ts';
import { isThread, type ThreadChannel } from '../../actions/threads.ts';
import { discordErrors, formError } from '../../errors.ts';
import { channelPayload } from '../../payloads/guild.ts';
import { hasPermission, Permission } from '../../world/permissions.ts';
import type { ChannelRecord, ChannelTypeValue, GuildRecord } from '../../world/types.ts';
import { UnknownEntityError } from '../../world/unknown-entity-error.ts';
import { parseForm } from '../form-errors.ts';
import {
  created,
  noContent,
  ok,
  param,
  type RestCall,
  type RouteDefinition,
  requireBot,
} from '../rest-call.ts';
import { snowflake } from '../schemas/snowflake.ts';
import { channelOfBot } from './channel-access.ts';
import { assertBotHas, botActor, botAndGuildOf, guildOfBot, type RouteDeps } from './route-deps.ts';
import { patchThread, removeThread } from './threads.ts';

/** Discord's cap on channels per guild (30013 beyond it). */
const MAX_CHANNELS = 500;

/** The guild channel types the emulator models: text, voice, category, announcement, stage, forum. */
const channelType = z.literal([0, 2, 4, 5, 13, 15]);

const channelFields = {
  name: z.string().min(1).max(100),
  type: channelType,
  topic: z.string().max(4096).nullish(),
  bitrate: z.number().int().min(8000).max(384_000).nullish(),
  user_limit: z.number().int().min(0).max(99).nullish(),
  position: z.number().int().min(0).nullish(),
  parent_id: snowflake.nullish(),
  nsfw: z.boolean().nullish(),
};

const createBody = z.looseObject({ ...channelFields, type: channelType.default(0) });
const updateBody = z.looseObject({
  ...channelFields,
  name: channelFields.name.optional(),
  type: channelType.optional(),
});
const positionsBody = z.array(
  z.looseObject({
    id: snowflake,
    position: z.number().int().min(0).nullish(),
    parent_id: snowflake.nullish(),
    lock_permissions: z.boolean().nullish(),
  }),
);

/** Discord's topic limits: 4,096 characters in forum channels, 1,024 elsewhere. */
function assertTopicFits(topic: string | null | undefined, type: ChannelTypeValue): void {
  const max = type === 15 ? 4096 : 1024;
  if (topic && topic.length > max)
    throw discordErrors.invalidFormBody(
      formError(['topic'], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`),
    );
}

/** Text-like channel names are lower case without spaces on Discord ("Rank Ups" becomes "rank-ups"). */
function channelName(name: string, type: ChannelTypeValue): string {
  return [0, 5, 15].includes(type) ? name.trim().toLowerCase().replace(/\s+/g, '-') : name;
}

function fieldsOf(body: z.output<typeof updateBody>, type: ChannelTypeValue) {
  return {
    ...(body.name != null ? { name: channelName(body.name, body.type ?? type) } : {}),
    ...(body.type != null ? { type: body.type } : {}),
    ...(body.topic !== undefined ? { topic: body.topic } : {}),
    ...(body.bitrate != null ? { bitrate: body.bitrate } : {}),
    ...(body.user_limit != null ? { userLimit: body.user_limit } : {}),
    ...(body.position != null ? { position: body.position } : {}),
    ...(body.parent_id !== undefined ? { parentId: body.parent_id } : {}),
    ...(body.nsfw != null ? { nsfw: body.nsfw } : {}),
  };
}

/**
 * Creating, editing, reordering and deleting guild channels; each needs Manage Channels
 * (403 50013 otherwise) and Discord announces it with CHANNEL_CREATE/UPDATE/DELETE.
 */
export function guildChannelRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  const { world } = ctx;

  /** The channel and its guild; a DM channel has none (`guild` null). */
  function channelOf(call: RestCall) {
    const bot = requireBot(call);
    const channel = world.requireChannel(param(call, 'channelId'));
    if (!channel.guildId) {
      if (!channel.recipientIds.includes(bot.user.id)) throw discordErrors.missingAccess();
      return { bot, channel, guild: null };
    }
    const guild = guildOfBot(deps, bot, channel.guildId);
    // A channel the bot cannot see is hidden from it, whatever else it may do (50001).
    if (!hasPermission(guild, bot.user.id, Permission.ViewChannel)) throw discordErrors.missingAccess();
    return { bot, channel, guild };
  }

  /** The route's channel when it is a thread the bot can see (threads have their own edit rules). */
  function threadIn(call: RestCall): ThreadChannel | null {
    const { channel } = channelOfBot(deps, call);
    return isThread(channel) ? channel : null;
  }

  function channelIn(guild: GuildRecord, id: string): ChannelRecord {
    const channel = world.channels.get(id);
    if (!channel || channel.guildId !== guild.id) throw new UnknownEntityError('channel', id);
    return channel;
  }

  return [
    {
      method: 'post',
      path: '/guilds/:guildId/channels',
      bucket: 'guild-channels',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call, Permission.ManageChannels);
        const body = parseForm(createBody, call.body ?? {});
        assertTopicFits(body.topic, body.type);
        if (guild.channelIds.length >= MAX_CHANNELS) throw discordErrors.maxChannels();
        const channel = createChannel(
          ctx,
          guild,
          { ...fieldsOf(body, body.type), name: channelName(body.name, body.type), type: body.type },
          botActor(call, bot),
        );
        return created(channelPayload(world, channel));
      },
    },
    {
      method: 'patch',
      path: '/guilds/:guildId/channels',
      bucket: 'guild-channels',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call, Permission.ManageChannels);
        const moves = parseForm(positionsBody, call.body ?? []).map((move) => ({
          channel: channelIn(guild, move.id),
          move,
        }));
        for (const { channel, move } of moves) {
          const changes = {
            ...(move.position != null && move.position !== channel.position
              ? { position: move.position }
              : {}),
            ...(move.parent_id !== undefined && move.parent_id !== channel.parentId
              ? { parentId: move.parent_id }
              : {}),
          };
          if (Object.keys(changes).length > 0) updateChannel(ctx, channel, changes, botActor(call, bot));
        }
        return noContent();
      },
    },
    {
      method: 'patch',
      path: '/channels/:channelId',
      bucket: 'channel-edits',
      auth: 'bot',
      handler: (call) => {
        const thread = threadIn(call);
        if (thread) return patchThread(deps, call, thread);
        const { bot, channel, guild } = channelOf(call);
        if (!guild) throw discordErrors.cannotExecuteOnDm();
        const body = parseForm(updateBody, call.body ?? {});
        assertTopicFits(body.topic, body.type ?? channel.type);
        assertBotHas(guild, bot, Permission.ManageChannels);
        updateChannel(ctx, channel, fieldsOf(body, channel.type), botActor(call, bot));
        return ok(channelPayload(world, channel));
      },
    },
    {
      method: 'delete',
      path: '/channels/:channelId',
      bucket: 'channel-edits',
      auth: 'bot',
      handler: (call) => {
        const thread = threadIn(call);
        if (thread) return removeThread(deps, call, thread);
        const { bot, channel, guild } = channelOf(call);
        // Closing a DM answers the channel and changes nothing a bot can see.
        if (!guild) return ok(channelPayload(world, channel));
        assertBotHas(guild, bot, Permission.ManageChannels);
        deleteChannel(ctx, channel, botActor(call, bot));
        return ok(channelPayload(world, channel));
      },
    },
  ];
}
