import { commandPayload } from '../payloads/command.ts';
import type { CommandOption, CommandRecord } from '../world/types.ts';
import { UnknownEntityError } from '../world/unknown-entity-error.ts';
import type { EmulatorContext } from './context.ts';

/** A command as a bot registers it (already validated). */
export interface CommandInput {
  type?: number;
  name: string;
  description?: string;
  options?: CommandOption[];
  default_member_permissions?: string | null;
  dm_permission?: boolean | null;
  nsfw?: boolean;
  contexts?: number[] | null;
  integration_types?: number[];
  name_localizations?: Record<string, string> | null;
  description_localizations?: Record<string, string> | null;
}

export type CommandScope = { applicationId: string; guildId: string | null };

export function commandsIn(ctx: EmulatorContext, scope: CommandScope): CommandRecord[] {
  return [...ctx.world.commands.values()].filter(
    (command) => command.applicationId === scope.applicationId && command.guildId === scope.guildId,
  );
}

function toRecord(ctx: EmulatorContext, scope: CommandScope, input: CommandInput, id: string): CommandRecord {
  return {
    id,
    applicationId: scope.applicationId,
    guildId: scope.guildId,
    type: input.type ?? 1,
    name: input.name,
    description: input.description ?? '',
    options: input.options ?? [],
    defaultMemberPermissions: input.default_member_permissions ?? null,
    dmPermission: input.dm_permission ?? true,
    nsfw: input.nsfw ?? false,
    contexts: input.contexts ?? null,
    integrationTypes: input.integration_types ?? [0],
    nameLocalizations: input.name_localizations ?? null,
    descriptionLocalizations: input.description_localizations ?? null,
    version: ctx.ids.next(),
  };
}

function sameCommand(a: { name: string; type?: number }, b: { name: string; type: number }): boolean {
  return a.name === b.name && (a.type ?? 1) === b.type;
}

/** PUT: the list becomes exactly `inputs`; a command keeping its name and type keeps its id. */
export function overwriteCommands(
  ctx: EmulatorContext,
  scope: CommandScope,
  inputs: CommandInput[],
): CommandRecord[] {
  const existing = commandsIn(ctx, scope);
  for (const command of existing) ctx.world.commands.delete(command.id);
  const records = inputs.map((input) => {
    const previous = existing.find((command) => sameCommand(input, command));
    return toRecord(ctx, scope, input, previous?.id ?? ctx.ids.next());
  });
  for (const record of records) ctx.world.commands.set(record.id, record);
  ctx.events.record('commands.registered', {
    applicationId: scope.applicationId,
    guildId: scope.guildId,
    commands: records.map(commandPayload),
  });
  return records;
}

/** POST: creates the command, or replaces the one with the same name and type. */
export function upsertCommand(
  ctx: EmulatorContext,
  scope: CommandScope,
  input: CommandInput,
): { command: CommandRecord; created: boolean } {
  const previous = commandsIn(ctx, scope).find((command) => sameCommand(input, command));
  const command = toRecord(ctx, scope, input, previous?.id ?? ctx.ids.next());
  ctx.world.commands.set(command.id, command);
  ctx.events.record('commands.registered', {
    applicationId: scope.applicationId,
    guildId: scope.guildId,
    commands: [commandPayload(command)],
  });
  return { command, created: previous === undefined };
}

export function requireCommand(ctx: EmulatorContext, scope: CommandScope, commandId: string): CommandRecord {
  const command = ctx.world.commands.get(commandId);
  if (!command || command.applicationId !== scope.applicationId || command.guildId !== scope.guildId) {
    throw new UnknownEntityError('command', commandId);
  }
  return command;
}

export function editCommand(
  ctx: EmulatorContext,
  scope: CommandScope,
  commandId: string,
  changes: Partial<CommandInput>,
): CommandRecord {
  const current = requireCommand(ctx, scope, commandId);
  const merged = toRecord(
    ctx,
    scope,
    {
      type: current.type,
      name: changes.name ?? current.name,
      description: changes.description ?? current.description,
      options: changes.options ?? current.options,
      default_member_permissions:
        changes.default_member_permissions !== undefined
          ? changes.default_member_permissions
          : current.defaultMemberPermissions,
      dm_permission: changes.dm_permission ?? current.dmPermission,
      nsfw: changes.nsfw ?? current.nsfw,
      contexts: changes.contexts !== undefined ? changes.contexts : current.contexts,
      integration_types: changes.integration_types ?? current.integrationTypes,
      name_localizations: changes.name_localizations ?? current.nameLocalizations,
      description_localizations: changes.description_localizations ?? current.descriptionLocalizations,
    },
    current.id,
  );
  ctx.world.commands.set(merged.id, merged);
  ctx.events.record('commands.registered', {
    applicationId: scope.applicationId,
    guildId: scope.guildId,
    commands: [commandPayload(merged)],
  });
  return merged;
}

export function deleteCommand(ctx: EmulatorContext, scope: CommandScope, commandId: string): void {
  requireCommand(ctx, scope, commandId);
  ctx.world.commands.delete(commandId);
  ctx.events.record('commands.deleted', {
    applicationId: scope.applicationId,
    guildId: scope.guildId,
    commandId,
  });
}

/** The command a user would see for `name` in a guild: a guild command first, else the global one. */
export function findInvocableCommand(
  ctx: EmulatorContext,
  applicationId: string,
  guildId: string | null,
  name: string,
  type = 1,
): CommandRecord | undefined {
  const candidates = [...ctx.world.commands.values()].filter(
    (command) => command.applicationId === applicationId && command.name === name && command.type === type,
  );
  return (
    candidates.find((command) => guildId !== null && command.guildId === guildId) ??
    candidates.find((command) => command.guildId === null)
  );
}
