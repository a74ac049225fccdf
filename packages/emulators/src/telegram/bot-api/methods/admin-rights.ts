import { isJsonObject, JsonFieldError, optionalBoolean, withPrefix } from '../../json-fields.ts';
import type * as Tg from '../../types.ts';
import { type AdminRightsInput, adminRightNames, adminRights } from '../../world/admin-rights.ts';
import type { MethodCall, MethodTable } from './method.ts';

/**
 * The rights a bot suggests for itself when someone adds it as an administrator. Telegram answers
 * all-false rights until the bot sets its own, separately for groups and for channels.
 */
function getMyDefaultAdministratorRights({ bot, params }: MethodCall): Tg.ChatAdministratorRights {
  const forChannels = params.bool('for_channels') === true;
  const stored = forChannels ? bot.defaultAdminRights?.channels : bot.defaultAdminRights?.groups;
  return stored ?? adminRights(forChannels ? 'channel' : 'supergroup', {});
}

function setMyDefaultAdministratorRights({ ctx, bot, params }: MethodCall): true {
  const forChannels = params.bool('for_channels') === true;
  const raw = params.json('rights', "can't parse ChatAdministratorRights JSON object");
  const granted: AdminRightsInput = {};
  if (raw !== undefined) {
    withPrefix("can't parse ChatAdministratorRights", () => {
      if (!isJsonObject(raw)) throw new JsonFieldError('ChatAdministratorRights must be an Object');
      for (const name of adminRightNames) if (optionalBoolean(raw, name)) granted[name] = true;
    });
  }
  const rights = adminRights(forChannels ? 'channel' : 'supergroup', granted);
  bot.defaultAdminRights = { ...bot.defaultAdminRights, [forChannels ? 'channels' : 'groups']: rights };
  ctx.log.record({ type: 'world.changed', change: 'bot.default-rights', botId: bot.id });
  return true;
}

export const adminRightsMethods: MethodTable = {
  getMyDefaultAdministratorRights,
  setMyDefaultAdministratorRights,
};
