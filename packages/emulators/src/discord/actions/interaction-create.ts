import { randomBytes } from 'node:crypto';
import { interactionPayload } from '../payloads/interaction.ts';
import type { ApplicationRecord, GuildRecord, InteractionRecord } from '../world/types.ts';
import { InteractionType } from '../world/types.ts';
import { commandInteractionData } from './command-options.ts';
import { findInvocableCommand } from './commands.ts';
import type { EmulatorContext } from './context.ts';
import { InvalidInvocationError } from './invalid-invocation-error.ts';

function newInteractionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(96).toString('base64url')}`;
}

/** The bot a user addresses: given explicitly, or the only bot in the guild (or in the world). */
export function resolveApplication(
  ctx: EmulatorContext,
  applicationId: string | undefined,
  guild: GuildRecord | undefined,
): ApplicationRecord {
  if (applicationId) return ctx.world.requireApplication(applicationId);
  const candidates = [...ctx.world.applications.values()].filter(
    (app) => !guild || guild.members.has(app.botUserId),
  );
  const [only] = candidates;
  if (candidates.length !== 1 || !only) {
    throw new InvalidInvocationError(
      `Say which bot: ${candidates.length} bots could answer here (give applicationId)`,
    );
  }
  return only;
}

export interface SlashCommandInput {
  channelId: string;
  userId: string;
  name: string;
  applicationId?: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, unknown>;
}

/** Where a user invokes a registered command: checked as Discord's client would offer it. */
export function resolveCommandInvocation(ctx: EmulatorContext, input: SlashCommandInput) {
  const channel = ctx.world.requireChannel(input.channelId);
  const guild = channel.guildId ? ctx.world.requireGuild(channel.guildId) : undefined;
  ctx.world.requireUser(input.userId);
  if (guild) ctx.world.requireMember(guild, input.userId);
  const application = resolveApplication(ctx, input.applicationId, guild);
  if (guild && !guild.members.has(application.botUserId)) {
    throw new InvalidInvocationError(`Bot ${application.botUserId} is not in guild ${guild.id}`);
  }
  const command = findInvocableCommand(ctx, application.id, guild?.id ?? null, input.name);
  if (!command) {
    throw new InvalidInvocationError(
      `No slash command /${input.name} is registered for application ${application.id} here (the bot registers it with PUT .../commands)`,
    );
  }
  return { channel, guild, application, command };
}

/** A user runs a registered slash command: INTERACTION_CREATE goes to the command's bot. */
export function runSlashCommand(ctx: EmulatorContext, input: SlashCommandInput): InteractionRecord {
  const { channel, guild, application, command } = resolveCommandInvocation(ctx, input);
  const data = commandInteractionData(ctx, guild, command, input);
  return createInteraction(ctx, {
    application,
    type: InteractionType.ApplicationCommand,
    guildId: guild?.id ?? null,
    channelId: channel.id,
    userId: input.userId,
    data,
    sourceMessageId: null,
  });
}

type Component = { type?: number; custom_id?: string; components?: Component[] };

function findComponent(components: unknown[], customId: string): Component | undefined {
  for (const raw of components as Component[]) {
    if (raw?.custom_id === customId) return raw;
    const nested = raw?.components ? findComponent(raw.components, customId) : undefined;
    if (nested) return nested;
  }
  return undefined;
}

/** A user clicks a button (or picks from a select menu) on a bot's message. */
export function pressComponent(
  ctx: EmulatorContext,
  input: { messageId: string; customId: string; userId: string; values?: string[] },
): InteractionRecord {
  const message = ctx.world.requireMessage(input.messageId);
  const channel = ctx.world.requireChannel(message.channelId);
  const guild = channel.guildId ? ctx.world.requireGuild(channel.guildId) : undefined;
  ctx.world.requireUser(input.userId);
  if (guild) ctx.world.requireMember(guild, input.userId);
  const application =
    (message.applicationId ? ctx.world.applications.get(message.applicationId) : undefined) ??
    ctx.world.applicationByBotUser(message.authorId);
  if (!application) throw new InvalidInvocationError(`Message ${message.id} was not sent by a bot`);
  const component = findComponent(message.components, input.customId);
  if (!component)
    throw new InvalidInvocationError(`Message ${message.id} has no component "${input.customId}"`);
  const componentType = component.type ?? 2;
  return createInteraction(ctx, {
    application,
    type: InteractionType.MessageComponent,
    guildId: guild?.id ?? null,
    channelId: channel.id,
    userId: input.userId,
    data: {
      custom_id: input.customId,
      component_type: componentType,
      ...(componentType === 2 ? {} : { values: input.values ?? [] }),
    },
    sourceMessageId: message.id,
  });
}

/** Records an interaction and sends INTERACTION_CREATE to its bot. */
export function createInteraction(
  ctx: EmulatorContext,
  input: {
    application: ApplicationRecord;
    type: number;
    guildId: string | null;
    channelId: string;
    userId: string;
    data: Record<string, unknown>;
    sourceMessageId: string | null;
  },
): InteractionRecord {
  const interaction: InteractionRecord = {
    id: ctx.ids.next(),
    token: newInteractionToken(),
    applicationId: input.application.id,
    type: input.type,
    guildId: input.guildId,
    channelId: input.channelId,
    userId: input.userId,
    data: input.data,
    sourceMessageId: input.sourceMessageId,
    createdAt: ctx.now(),
    response: null,
    originalMessageId: null,
    completed: false,
    followupMessageIds: [],
    ephemeral: false,
  };
  ctx.world.interactions.set(interaction.id, interaction);
  const payload = interactionPayload(ctx.world, interaction);
  ctx.events.dispatch({
    event: 'INTERACTION_CREATE',
    audience: { botUserId: input.application.botUserId, guildId: input.guildId },
    data: payload,
  });
  ctx.events.record('interaction.created', { interaction: payload });
  return interaction;
}
