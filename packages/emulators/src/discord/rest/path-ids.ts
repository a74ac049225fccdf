import { addFormError, discordErrors, type FormErrorTree } from '../errors.ts';
import { isSnowflake } from '../snowflake.ts';

/** Route parameters that hold a snowflake, by the field name Discord's 50035 gives them. */
const SNOWFLAKE_PARAMS: Readonly<Record<string, string>> = {
  applicationId: 'application_id',
  channelId: 'channel_id',
  commandId: 'command_id',
  guildId: 'guild_id',
  interactionId: 'interaction_id',
  messageId: 'message_id',
  roleId: 'role_id',
  userId: 'user_id',
  webhookId: 'webhook_id',
};

/** Words Discord takes in place of an id (`/users/@me`, `/messages/@original`). */
const ALIASES = new Set(['@me', '@original']);

/**
 * Refuses ids in the path that are not snowflakes, as Discord does before looking anything up:
 * 400 50035 with `channel_id: NUMBER_TYPE_COERCE 'Value "undefined" is not snowflake.'`, the
 * answer a bot gets for an id it never had.
 */
export function assertSnowflakeParams(params: Readonly<Record<string, string>>): void {
  let errors: FormErrorTree | undefined;
  for (const [name, value] of Object.entries(params)) {
    const field = SNOWFLAKE_PARAMS[name];
    if (!field || ALIASES.has(value) || isSnowflake(value)) continue;
    errors = addFormError(errors ?? {}, [field], 'NUMBER_TYPE_COERCE', `Value "${value}" is not snowflake.`);
  }
  if (errors) throw discordErrors.invalidFormBody(errors);
}
