import { DEFAULT_LOCALE } from '../world/locales.ts';
import { guildPermissions, Permission } from '../world/permissions.ts';
import type { InteractionRecord } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { channelPayload, memberPayload } from './guild.ts';
import { messagePayload } from './message.ts';
import { userLocale, userPayload } from './user.ts';

/** Bytes a bot may upload in an interaction response on a guild without boosts. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/**
 * `app_permissions` in a DM with the bot: Receiving and Responding gives Attach Files, Embed Links
 * and Mention Everyone in DMs, plus Use External Emojis in the bot's own DM.
 */
const BOT_DM_APP_PERMISSIONS =
  Permission.AttachFiles | Permission.EmbedLinks | Permission.MentionEveryone | Permission.UseExternalEmojis;

/** INTERACTION_CREATE `d` (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object). */
export function interactionPayload(world: World, interaction: InteractionRecord): Record<string, unknown> {
  const user = world.requireUser(interaction.userId);
  const channel = world.requireChannel(interaction.channelId);
  const application = world.requireApplication(interaction.applicationId);
  const guild = interaction.guildId ? world.requireGuild(interaction.guildId) : undefined;
  const member = guild?.members.get(user.id);
  const sourceMessage = interaction.sourceMessageId
    ? world.messages.get(interaction.sourceMessageId)
    : undefined;
  return {
    id: interaction.id,
    application_id: interaction.applicationId,
    type: interaction.type,
    data: interaction.data,
    ...(guild
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: guild.preferredLocale ?? DEFAULT_LOCALE, features: [] },
          guild_locale: guild.preferredLocale ?? DEFAULT_LOCALE,
          member: member
            ? { ...memberPayload(member, user), permissions: guildPermissions(guild, user.id).toString() }
            : undefined,
          app_permissions: guildPermissions(guild, application.botUserId).toString(),
          authorizing_integration_owners: { '0': guild.id },
          context: 0,
        }
      : {
          user: userPayload(user),
          app_permissions: BOT_DM_APP_PERMISSIONS.toString(),
          authorizing_integration_owners: { '0': '0' },
          context: 1,
        }),
    channel_id: channel.id,
    channel: channelPayload(world, channel),
    ...(sourceMessage ? { message: messagePayload(world, sourceMessage) } : {}),
    token: interaction.token,
    version: 1,
    // The language of the app of whoever acted (Discord sends it on every interaction but PING).
    locale: userLocale(user),
    // The retired `entitlement_sku_ids` is no longer in the interaction object.
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
}
