/**
 * Every request the sandbox page makes, in one place: the control APIs documented in
 * docs/emulators/telegram.md and docs/emulators/discord.md, and the page's own /config.json.
 * No DOM here, so Node imports this module as it is (the sandbox tests do).
 */

/** A control API refused a call; `message` is the emulator's own explanation. */
export class ControlApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.name = 'ControlApiError';
    this.status = status;
  }
}

/** Telegram events the page shows (SSE `data` is the event; `type` names it). */
export const TELEGRAM_EVENT_TYPES = [
  'user.message',
  'user.callback',
  'bot.message',
  'bot.edit',
  'bot.delete',
  'bot.callback_answer',
  'bot.commands',
  'bot.chat_action',
  'bot.webhook',
  'bot.poll',
  'world.changed',
  'world.reset',
];

/** Discord activity the page shows; each is its own SSE `event:` name. */
export const DISCORD_EVENT_KINDS = [
  'message.created',
  'message.updated',
  'message.deleted',
  'member.added',
  'member.removed',
  'member.updated',
  'member.role',
  'voice.updated',
  'interaction.created',
  'interaction.responded',
  'commands.registered',
  'commands.deleted',
  'role.created',
  'role.updated',
  'role.deleted',
  'channel.created',
  'guild.created',
  'guild.updated',
  'user.created',
  'gateway.identified',
  'gateway.resumed',
  'gateway.closed',
  'gateway.dropped',
  'reset',
];

/** Where the page finds the control APIs: `{ telegramControlUrl, discordControlUrl }`. */
export function loadConfig(pageUrl) {
  return call(new URL('config.json', pageUrl).href, 'GET', '');
}

/** The Telegram emulator's control API at `controlUrl` (`http://host:port/control`). */
export function telegramApi(controlUrl) {
  return {
    world: () => call(controlUrl, 'GET', '/world'),
    bot: (bot) => call(controlUrl, 'GET', `/bots/${segment(bot)}`),
    createUser: ({ firstName, username }) => call(controlUrl, 'POST', '/users', { firstName, username }),
    /** The private chat of `userId` with `bot`, oldest first. */
    messages: (userId, bot) => call(controlUrl, 'GET', `/chats/${segment(userId)}/messages${query({ bot })}`),
    sendMessage: ({ from, bot, text }) => call(controlUrl, 'POST', '/messages', { from, bot, text }),
    sendCommand: ({ from, bot, command, args }) =>
      call(controlUrl, 'POST', '/commands', { from, bot, command, args }),
    pressButton: ({ from, bot, messageId, data }) =>
      call(controlUrl, 'POST', '/callbacks', { from, bot, messageId, data }),
    eventsUrl: () => `${controlUrl}/events${query({ types: TELEGRAM_EVENT_TYPES.join(',') })}`,
  };
}

/** The Discord emulator's control API at `controlUrl` (`http://host:port/control`). */
export function discordApi(controlUrl) {
  return {
    state: () => call(controlUrl, 'GET', '/state'),
    commands: (applicationId) => call(controlUrl, 'GET', `/commands${query({ applicationId })}`),
    channelMessages: (channelId) =>
      call(controlUrl, 'GET', `/channels/${segment(channelId)}/messages${query({ limit: 100 })}`),
    directMessages: ({ userId, botUserId }) => call(controlUrl, 'GET', `/dms${query({ userId, botUserId })}`),
    roleChanges: ({ guildId, userId }) =>
      call(controlUrl, 'GET', `/role-changes${query({ guildId, userId })}`),
    sendMessage: (channelId, { authorId, content }) =>
      call(controlUrl, 'POST', `/channels/${segment(channelId)}/messages`, { authorId, content }),
    sendDirectMessage: ({ userId, botUserId, content }) =>
      call(controlUrl, 'POST', '/dms', { userId, botUserId, content }),
    runCommand: ({ channelId, userId, applicationId, name, subcommandGroup, subcommand, options }) =>
      call(controlUrl, 'POST', '/interactions/commands', {
        channelId,
        userId,
        applicationId,
        name,
        subcommandGroup,
        subcommand,
        options,
      }),
    pressComponent: ({ messageId, userId, customId, values }) =>
      call(controlUrl, 'POST', '/interactions/components', { messageId, userId, customId, values }),
    /** Joins or moves (`channelId`) and toggles `selfMute` / `selfDeaf`. */
    setVoiceState: (guildId, userId, { channelId, selfMute, selfDeaf }) =>
      call(controlUrl, 'PUT', `/guilds/${segment(guildId)}/voice/${segment(userId)}`, {
        channelId,
        selfMute,
        selfDeaf,
      }),
    leaveVoice: (guildId, userId) =>
      call(controlUrl, 'DELETE', `/guilds/${segment(guildId)}/voice/${segment(userId)}`),
    eventsUrl: () => `${controlUrl}/events`,
  };
}

async function call(baseUrl, method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    // JSON.stringify leaves out undefined fields, so optional inputs stay optional.
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let payload;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = text;
  }
  if (!response.ok) throw new ControlApiError(response.status, describeRefusal(response, payload));
  return payload;
}

/** Telegram answers `{error: {code, message}}`, Discord `{error: "...", issues?}`. */
function describeRefusal(response, payload) {
  const error = payload?.error;
  if (error && typeof error.message === 'string') return error.message;
  if (typeof error === 'string') {
    const issues = Array.isArray(payload.issues)
      ? payload.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
      : '';
    return issues ? `${error} (${issues})` : error;
  }
  return `${response.status} ${response.statusText}`;
}

function segment(value) {
  return encodeURIComponent(String(value));
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
