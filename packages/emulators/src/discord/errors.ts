/**
 * Errors answered by the emulated REST API, in Discord's shape: `{message, code}` plus, for
 * 50035 Invalid Form Body, an `errors` tree such as `{content: {_errors: [{code, message}]}}`.
 */
export interface FormErrorLeaf {
  code: string;
  message: string;
}
export interface FormErrorTree {
  [key: string]: FormErrorTree | FormErrorLeaf[];
}

export class DiscordApiError extends Error {
  override name = 'DiscordApiError';
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: FormErrorTree,
  ) {
    super(message);
  }

  toBody(): { message: string; code: number; errors?: FormErrorTree } {
    return this.errors
      ? { message: this.message, code: this.code, errors: this.errors }
      : { message: this.message, code: this.code };
  }
}

export function isDiscordApiError(error: unknown): error is DiscordApiError {
  return error instanceof DiscordApiError;
}

/** Discord's own messages and codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json). */
export const discordErrors = {
  unauthorized: () => new DiscordApiError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordApiError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new DiscordApiError(405, 0, '405: Method Not Allowed'),
  serverError: (status = 500) => new DiscordApiError(status, 0, `${status}: Internal Server Error`),
  unknownApplication: () => new DiscordApiError(404, 10002, 'Unknown Application'),
  unknownChannel: () => new DiscordApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordApiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new DiscordApiError(404, 10007, 'Unknown Member'),
  unknownBan: () => new DiscordApiError(404, 10026, 'Unknown Ban'),
  unknownMessage: () => new DiscordApiError(404, 10008, 'Unknown Message'),
  unknownRole: () => new DiscordApiError(404, 10011, 'Unknown Role'),
  unknownUser: () => new DiscordApiError(404, 10013, 'Unknown User'),
  unknownEmoji: () => new DiscordApiError(400, 10014, 'Unknown Emoji'),
  unknownWebhook: () => new DiscordApiError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new DiscordApiError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => new DiscordApiError(404, 10063, 'Unknown application command'),
  unknownVoiceState: () => new DiscordApiError(404, 10065, 'Unknown Voice State'),
  alreadyAcknowledged: () => new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.'),
  cannotEditOthersMessage: () =>
    new DiscordApiError(403, 50005, 'Cannot edit a message authored by another user'),
  missingAccess: () => new DiscordApiError(403, 50001, 'Missing Access'),
  cannotSendEmptyMessage: () => new DiscordApiError(400, 50006, 'Cannot send an empty message'),
  cannotMessageUser: () => new DiscordApiError(403, 50007, 'Cannot send messages to this user'),
  missingPermissions: () => new DiscordApiError(403, 50013, 'Missing Permissions'),
  maxPins: () => new DiscordApiError(400, 30003, 'Maximum number of pins reached for the channel (50)'),
  maxReactions: () => new DiscordApiError(400, 30010, 'Maximum number of reactions reached (20)'),
  maxWebhooks: () => new DiscordApiError(400, 30007, 'Maximum number of webhooks reached (15)'),
  maxRoles: () => new DiscordApiError(400, 30005, 'Maximum number of guild roles reached (250)'),
  maxCommands: (limit: number) =>
    new DiscordApiError(400, 30032, `Maximum number of application commands reached (${limit})`),
  maxChannels: () => new DiscordApiError(400, 30013, 'Maximum number of guild channels reached (500)'),
  invalidRole: () => new DiscordApiError(400, 50028, 'Invalid Role'),
  cannotExecuteOnDm: () => new DiscordApiError(403, 50003, 'Cannot execute action on a DM channel'),
  invalidRecipient: () => new DiscordApiError(400, 50033, 'Invalid Recipient(s)'),
  invalidFormBody: (errors: FormErrorTree) => new DiscordApiError(400, 50035, 'Invalid Form Body', errors),
  notInVoice: () => new DiscordApiError(400, 40032, 'Target user is not connected to voice.'),
  invalidWebhookToken: () => new DiscordApiError(401, 50027, 'Invalid Webhook Token'),
  invalidChannelType: () => new DiscordApiError(400, 50024, 'Cannot execute action on this channel type'),
  archivedThread: () =>
    new DiscordApiError(
      400,
      50083,
      'Tried to perform an operation on an archived thread, such as editing a message or adding a user to the thread',
    ),
  threadAlreadyCreated: () =>
    new DiscordApiError(400, 160004, 'A thread has already been created for this message'),
  invalidJson: () => new DiscordApiError(400, 50109, 'The request body contains invalid JSON.'),
};

/** Builds the 50035 tree for one field path, e.g. `['roles', 2]`. */
export function formError(
  path: ReadonlyArray<string | number>,
  code: string,
  message: string,
): FormErrorTree {
  return addFormError({}, path, code, message);
}

export function addFormError(
  tree: FormErrorTree,
  path: ReadonlyArray<string | number>,
  code: string,
  message: string,
): FormErrorTree {
  let node = tree;
  for (const key of path) {
    const next = node[String(key)];
    if (next && !Array.isArray(next)) node = next;
    else {
      const created: FormErrorTree = {};
      node[String(key)] = created;
      node = created;
    }
  }
  const leaves = node._errors;
  if (Array.isArray(leaves)) {
    if (!leaves.some((leaf) => leaf.code === code && leaf.message === message))
      leaves.push({ code, message });
  } else node._errors = [{ code, message }];
  return tree;
}
