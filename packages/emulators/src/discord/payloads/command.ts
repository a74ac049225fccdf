import type { CommandRecord } from '../world/types.ts';

/** An application command object (https://discord.com/developers/docs/interactions/application-commands). */
export function commandPayload(command: CommandRecord): Record<string, unknown> {
  return {
    id: command.id,
    application_id: command.applicationId,
    version: command.version,
    default_member_permissions: command.defaultMemberPermissions,
    type: command.type,
    name: command.name,
    name_localizations: command.nameLocalizations,
    description: command.description,
    description_localizations: command.descriptionLocalizations,
    ...(command.guildId ? { guild_id: command.guildId } : { dm_permission: command.dmPermission }),
    ...(command.options.length > 0 ? { options: command.options } : {}),
    nsfw: command.nsfw,
    integration_types: command.integrationTypes,
    contexts: command.contexts,
  };
}
