import type { CommandScope } from '../../actions/commands.ts';
import {
  commandsIn,
  deleteCommand,
  editCommand,
  overwriteCommands,
  requireCommand,
  upsertCommand,
} from '../../actions/commands.ts';
import { discordErrors } from '../../errors.ts';
import { commandPayload } from '../../payloads/command.ts';
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
import { COMMAND_LIMITS, commandBody, commandListBody, commandPatchBody } from '../schemas/command-body.ts';
import { guildOfBot, type RouteDeps } from './route-deps.ts';

/** Global (`/applications/:app/commands`) and guild (`.../guilds/:guild/commands`) application commands. */
export function commandRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;

  /** The scope of a command route; a bot may only touch its own application's commands. */
  function scopeOf(call: RestCall): CommandScope {
    const bot = requireBot(call);
    const applicationId = param(call, 'applicationId');
    if (applicationId !== bot.application.id) throw discordErrors.missingAccess();
    const guildId = call.params.guildId;
    if (guildId !== undefined) guildOfBot(deps, bot, guildId);
    return { applicationId, guildId: guildId ?? null };
  }

  const routes: RouteDefinition[] = [];
  for (const base of [
    '/applications/:applicationId/commands',
    '/applications/:applicationId/guilds/:guildId/commands',
  ]) {
    routes.push(
      {
        method: 'get',
        path: base,
        bucket: 'commands',
        auth: 'bot',
        // As Discord: the localization maps only with `?with_localizations=true` (discord.js's
        // `fetch({ withLocalizations: true })`); registering answers with them either way.
        handler: (call) => {
          const commands = commandsIn(ctx, scopeOf(call)).map(commandPayload);
          return ok(
            call.query.get('with_localizations') === 'true' ? commands : commands.map(withoutLocalizations),
          );
        },
      },
      {
        method: 'put',
        path: base,
        bucket: 'commands',
        auth: 'bot',
        handler: (call) => {
          const scope = scopeOf(call);
          const commands = parseForm(commandListBody, call.body);
          refuseOverLimit(commands);
          return ok(overwriteCommands(ctx, scope, commands).map(commandPayload));
        },
      },
      {
        method: 'post',
        path: base,
        bucket: 'commands',
        auth: 'bot',
        handler: (call) => {
          const scope = scopeOf(call);
          const input = parseForm(commandBody, call.body);
          // An upsert replaces the command of the same name and type: only a new one counts.
          const others = commandsIn(ctx, scope).filter(
            (command) => !(command.name === input.name && command.type === (input.type ?? 1)),
          );
          refuseOverLimit([...others, input]);
          const { command, created: isNew } = upsertCommand(ctx, scope, input);
          return isNew ? created(commandPayload(command)) : ok(commandPayload(command));
        },
      },
      {
        method: 'get',
        path: `${base}/:commandId`,
        bucket: 'commands',
        auth: 'bot',
        handler: (call) => ok(commandPayload(requireCommand(ctx, scopeOf(call), param(call, 'commandId')))),
      },
      {
        method: 'patch',
        path: `${base}/:commandId`,
        bucket: 'commands',
        auth: 'bot',
        handler: (call) => {
          const scope = scopeOf(call);
          const current = requireCommand(ctx, scope, param(call, 'commandId'));
          const changes = parseForm(commandPatchBody(current.type), call.body);
          return ok(commandPayload(editCommand(ctx, scope, current.id, changes)));
        },
      },
      {
        method: 'delete',
        path: `${base}/:commandId`,
        bucket: 'commands',
        auth: 'bot',
        handler: (call) => {
          deleteCommand(ctx, scopeOf(call), param(call, 'commandId'));
          return noContent();
        },
      },
    );
  }
  return routes;
}

/** 30032 when a scope would hold more commands of a type than Discord allows. */
function refuseOverLimit(commands: ReadonlyArray<{ type?: number }>): void {
  const counts = new Map<number, number>();
  for (const command of commands) {
    const type = command.type ?? 1;
    const count = (counts.get(type) ?? 0) + 1;
    counts.set(type, count);
    const limit = COMMAND_LIMITS[type];
    if (limit !== undefined && count > limit) throw discordErrors.maxCommands(limit);
  }
}

/** A command object without its `name_localizations` and `description_localizations`, nested ones too. */
function withoutLocalizations(value: Record<string, unknown>): Record<string, unknown> {
  const { name_localizations: _names, description_localizations: _descriptions, ...rest } = value;
  for (const key of ['options', 'choices'] as const) {
    const list = rest[key];
    if (Array.isArray(list))
      rest[key] = list.map((item) => withoutLocalizations(item as Record<string, unknown>));
  }
  return rest;
}
