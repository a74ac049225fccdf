import { randomBytes } from 'node:crypto';
import { channelPayload, memberPayload, rolePayload } from '../payloads/guild.ts';
import { interactionPayload } from '../payloads/interaction.ts';
import { userPayload } from '../payloads/user.ts';
import { guildPermissions } from '../world/permissions.ts';
import type { ApplicationRecord, CommandOption, GuildRecord, InteractionRecord } from '../world/types.ts';
import { InteractionType } from '../world/types.ts';
import { findInvocableCommand } from './commands.ts';
import type { EmulatorContext } from './context.ts';

/** A scripted user action Discord's client would not allow (unknown command, bad option...). */
export class InvalidInvocationError extends Error {
  override name = 'InvalidInvocationError';
}

const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

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

interface Resolved {
  users: Record<string, unknown>;
  members: Record<string, unknown>;
  roles: Record<string, unknown>;
  channels: Record<string, unknown>;
}

function buildOptions(
  ctx: EmulatorContext,
  guild: GuildRecord | undefined,
  definitions: CommandOption[],
  values: Record<string, unknown>,
  resolved: Resolved,
  path: string,
): Array<Record<string, unknown>> {
  for (const name of Object.keys(values)) {
    if (!definitions.some((d) => d.name === name)) {
      throw new InvalidInvocationError(`${path} has no option "${name}"`);
    }
  }
  const built: Array<Record<string, unknown>> = [];
  for (const definition of definitions) {
    const value = values[definition.name];
    if (value === undefined || value === null) {
      if (definition.required) throw new InvalidInvocationError(`${path} needs option "${definition.name}"`);
      continue;
    }
    built.push({
      name: definition.name,
      type: definition.type,
      value: convertOption(ctx, guild, definition, value, resolved, `${path} option "${definition.name}"`),
    });
  }
  return built;
}

function convertOption(
  ctx: EmulatorContext,
  guild: GuildRecord | undefined,
  definition: CommandOption,
  value: unknown,
  resolved: Resolved,
  where: string,
): string | number | boolean {
  const fail = (expected: string): never => {
    throw new InvalidInvocationError(`${where} must be ${expected}, got ${JSON.stringify(value)}`);
  };
  let converted: string | number | boolean;
  switch (definition.type) {
    case OptionType.String:
      converted = typeof value === 'string' ? value : fail('a string');
      break;
    case OptionType.Integer:
      converted = typeof value === 'number' && Number.isInteger(value) ? value : fail('an integer');
      break;
    case OptionType.Number:
      converted = typeof value === 'number' && Number.isFinite(value) ? value : fail('a number');
      break;
    case OptionType.Boolean:
      converted = typeof value === 'boolean' ? value : fail('true or false');
      break;
    case OptionType.User:
    case OptionType.Role:
    case OptionType.Mentionable:
    case OptionType.Channel: {
      const id = typeof value === 'string' ? value : fail('an id');
      resolveMention(ctx, guild, definition.type, id, resolved, where);
      converted = id;
      break;
    }
    default:
      throw new InvalidInvocationError(`${where}: option type ${definition.type} cannot be scripted`);
  }
  if (definition.choices && !definition.choices.some((choice) => choice.value === converted)) {
    fail(`one of ${definition.choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
  }
  return converted;
}

function resolveMention(
  ctx: EmulatorContext,
  guild: GuildRecord | undefined,
  type: number,
  id: string,
  resolved: Resolved,
  where: string,
): void {
  const user =
    type === OptionType.User || type === OptionType.Mentionable ? ctx.world.users.get(id) : undefined;
  if (user) {
    resolved.users[id] = userPayload(user);
    const member = guild?.members.get(id);
    if (guild && member) {
      const { user: _user, ...partial } = memberPayload(member, user);
      resolved.members[id] = { ...partial, permissions: guildPermissions(guild, id).toString() };
    }
    return;
  }
  const role = type === OptionType.Role || type === OptionType.Mentionable ? guild?.roles.get(id) : undefined;
  if (role) {
    resolved.roles[id] = rolePayload(role);
    return;
  }
  const channel = type === OptionType.Channel ? ctx.world.channels.get(id) : undefined;
  if (channel && channel.guildId === (guild?.id ?? null)) {
    resolved.channels[id] = { ...channelPayload(ctx.world, channel), permissions: '0' };
    return;
  }
  throw new InvalidInvocationError(`${where}: nothing with id ${id} here`);
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

/** A user runs a registered slash command: INTERACTION_CREATE goes to the command's bot. */
export function runSlashCommand(ctx: EmulatorContext, input: SlashCommandInput): InteractionRecord {
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

  const resolved: Resolved = { users: {}, members: {}, roles: {}, channels: {} };
  let path = `/${command.name}`;
  let definitions = command.options;
  const wrap: Array<(inner: Array<Record<string, unknown>>) => Array<Record<string, unknown>>> = [];
  for (const [kind, name] of [
    [OptionType.SubcommandGroup, input.subcommandGroup],
    [OptionType.Subcommand, input.subcommand],
  ] as const) {
    if (!name) continue;
    const found = definitions.find((d) => d.type === kind && d.name === name);
    if (!found)
      throw new InvalidInvocationError(`${path} has no ${kind === 1 ? 'subcommand' : 'group'} "${name}"`);
    path = `${path} ${name}`;
    definitions = found.options ?? [];
    wrap.push((inner) => [{ name, type: kind, options: inner }]);
  }
  if (definitions.some((d) => d.type === OptionType.Subcommand || d.type === OptionType.SubcommandGroup)) {
    throw new InvalidInvocationError(`${path} needs a subcommand`);
  }
  let options = buildOptions(ctx, guild, definitions, input.options ?? {}, resolved, path);
  for (const apply of wrap.reverse()) options = apply(options);

  const hasResolved = Object.values(resolved).some((group) => Object.keys(group).length > 0);
  const data: Record<string, unknown> = {
    id: command.id,
    name: command.name,
    type: command.type,
    ...(options.length > 0 ? { options } : {}),
    ...(command.guildId ? { guild_id: command.guildId } : {}),
    ...(hasResolved
      ? {
          resolved: Object.fromEntries(
            Object.entries(resolved).filter(([, group]) => Object.keys(group).length > 0),
          ),
        }
      : {}),
  };
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

function createInteraction(
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
