import { channelPayload, memberPayload, rolePayload } from '../payloads/guild.ts';
import { userPayload } from '../payloads/user.ts';
import { guildPermissions } from '../world/permissions.ts';
import type { CommandOption, CommandRecord, GuildRecord } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';
import { InvalidInvocationError } from './invalid-invocation-error.ts';

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

interface Resolved {
  users: Record<string, unknown>;
  members: Record<string, unknown>;
  roles: Record<string, unknown>;
  channels: Record<string, unknown>;
}

/** Option types whose text a user types and a bot may complete. */
const AUTOCOMPLETE_TYPES: readonly number[] = [OptionType.String, OptionType.Integer, OptionType.Number];

/**
 * The option a user is typing into (autocomplete): its text as typed, sent as a string whatever
 * the option's type, marked `focused`; options still missing or half-typed are allowed then.
 */
function focusedOption(definition: CommandOption, value: unknown, where: string): Record<string, unknown> {
  if (definition.autocomplete !== true || !AUTOCOMPLETE_TYPES.includes(definition.type)) {
    throw new InvalidInvocationError(
      `${where} does not autocomplete (the bot registers it with autocomplete: true)`,
    );
  }
  if (typeof value !== 'string')
    throw new InvalidInvocationError(`${where}: the typed text must be a string`);
  return { name: definition.name, type: definition.type, value, focused: true };
}

function buildOptions(
  ctx: EmulatorContext,
  guild: GuildRecord | undefined,
  definitions: CommandOption[],
  values: Record<string, unknown>,
  resolved: Resolved,
  path: string,
  focused?: string,
): Array<Record<string, unknown>> {
  for (const name of Object.keys(values)) {
    if (!definitions.some((d) => d.name === name)) {
      throw new InvalidInvocationError(`${path} has no option "${name}"`);
    }
  }
  const built: Array<Record<string, unknown>> = [];
  if (focused !== undefined && !definitions.some((d) => d.name === focused)) {
    throw new InvalidInvocationError(`${path} has no option "${focused}"`);
  }
  for (const definition of definitions) {
    const value = values[definition.name];
    const where = `${path} option "${definition.name}"`;
    if (definition.name === focused) {
      built.push(focusedOption(definition, value ?? '', where));
      continue;
    }
    if (value === undefined || value === null) {
      if (definition.required && focused === undefined)
        throw new InvalidInvocationError(`${path} needs option "${definition.name}"`);
      continue;
    }
    built.push({
      name: definition.name,
      type: definition.type,
      value: convertOption(ctx, guild, definition, value, resolved, where),
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

/**
 * The `data` of an APPLICATION_COMMAND (or, with `focused`, APPLICATION_COMMAND_AUTOCOMPLETE)
 * interaction for scripted options, checked against the registered command as Discord's client
 * would: known names, required options (not while still typing), types, choices; user/role/channel
 * options come with their resolved objects.
 */
export function commandInteractionData(
  ctx: EmulatorContext,
  guild: GuildRecord | undefined,
  command: CommandRecord,
  input: {
    subcommandGroup?: string;
    subcommand?: string;
    options?: Record<string, unknown>;
    /** Autocomplete: the option being typed into (its value in `options` is the text so far). */
    focused?: string;
  },
): Record<string, unknown> {
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
    if (!found) {
      throw new InvalidInvocationError(`${path} has no ${kind === 1 ? 'subcommand' : 'group'} "${name}"`);
    }
    path = `${path} ${name}`;
    definitions = found.options ?? [];
    wrap.push((inner) => [{ name, type: kind, options: inner }]);
  }
  if (definitions.some((d) => d.type === OptionType.Subcommand || d.type === OptionType.SubcommandGroup)) {
    throw new InvalidInvocationError(`${path} needs a subcommand`);
  }
  let options = buildOptions(ctx, guild, definitions, input.options ?? {}, resolved, path, input.focused);
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
  return data;
}
