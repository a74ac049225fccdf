import type { CommandScope } from '../../actions/commands.ts';
import {
  commandsIn,
  deleteCommand,
  editCommand,
  overwriteCommands,
  requireCommand,
  upsertCommand,
} from '../../actions/commands.ts';
import { discordErrors, formError } from '../../errors.ts';
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
import { commandBody, commandListBody, commandPatchBody, validCommandName } from '../schemas/command-body.ts';
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
          const { command, created: isNew } = upsertCommand(ctx, scope, parseForm(commandBody, call.body));
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
          const changes = parseForm(commandPatchBody, call.body);
          const current = requireCommand(ctx, scope, param(call, 'commandId'));
          if (changes.name !== undefined && !validCommandName(current.type, changes.name)) {
            throw discordErrors.invalidFormBody(
              formError(['name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid'),
            );
          }
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
