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
  'bot.menu_button',
  'bot.chat_action',
  'bot.webhook',
  'bot.poll',
  'bot.reaction',
  'bot.unpin',
  'bot.poll_stopped',
  'user.reaction',
  'user.poll_answer',
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
  'member.banned',
  'member.unbanned',
  'member.role',
  'voice.updated',
  'interaction.created',
  'interaction.responded',
  'commands.registered',
  'commands.deleted',
  'role.created',
  'role.updated',
  'role.deleted',
  'roles.moved',
  'channel.created',
  'channel.updated',
  'channel.deleted',
  'guild.created',
  'guild.updated',
  'user.created',
  'user.updated',
  'gateway.identified',
  'gateway.resumed',
  'gateway.closed',
  'gateway.dropped',
  'reset',
];

/** Where the page finds the control APIs: `{ telegramControlUrl, discordControlUrl }`. */
export function loadConfig(pageUrl) {
  return request(new URL('config.json', pageUrl).href, 'GET', '');
}

/**
 * Where the emulators are: `/config.json` as first loaded, and `refresh()` to read it again (after
 * a restart the emulators may listen on other ports). A refresh that fails keeps the last answer.
 */
export async function sandboxEndpoints(pageUrl) {
  const current = await loadConfig(pageUrl);
  return {
    current,
    async refresh() {
      Object.assign(current, await loadConfig(pageUrl));
    },
  };
}

/** A control URL given as text, or as a function answering the current one. */
function controlUrlOf(controlUrl) {
  return typeof controlUrl === 'function' ? controlUrl : () => controlUrl;
}

/**
 * The Telegram emulator's control API at `controlUrl` (`http://host:port/control`, or a function
 * answering it); `refresh` finds the emulator again after it moved.
 */
export function telegramApi(controlUrlOrGetter, { refresh } = {}) {
  const base = controlUrlOf(controlUrlOrGetter);
  const call = (method, path, body) => request(base(), method, path, body);
  return {
    refresh: refresh ?? (async () => {}),
    world: () => call('GET', '/world'),
    /** The bot's status; with `user`, its menu button is the one of that user's private chat. */
    bot: (bot, { user } = {}) => call('GET', `/bots/${segment(bot)}${query({ user })}`),
    createUser: ({ firstName, username, languageCode }) =>
      call('POST', '/users', { firstName, username, languageCode }),
    /** The private chat of `userId` with `bot`, oldest first. */
    messages: (userId, bot) => call('GET', `/chats/${segment(userId)}/messages${query({ bot })}`),
    sendMessage: ({ from, bot, text }) => call('POST', '/messages', { from, bot, text }),
    sendCommand: ({ from, bot, command, args }) => call('POST', '/commands', { from, bot, command, args }),
    pressButton: ({ from, bot, messageId, data }) =>
      call('POST', '/callbacks', { from, bot, messageId, data }),
    /** Opens the bot's menu-button Mini App, or `url` (a message's web_app button). */
    openWebApp: ({ user, bot, url }) => call('POST', '/web-apps', { user, bot, url }),
    // In the private chat (`bot`) or a group (`chatId`), as the other user actions.
    /** Sets the user's reactions on a message (emoji; `[]` takes theirs back). */
    react: ({ from, bot, chatId, messageId, reaction }) =>
      call('POST', '/reactions', { from, bot, chatId, messageId, reaction }),
    /** Votes in a bot's poll (0-based option indexes; `[]` retracts the vote). */
    votePoll: ({ from, bot, chatId, messageId, optionIds }) =>
      call('POST', '/poll-votes', { from, bot, chatId, messageId, optionIds }),
    // A group the played user is in: the same endpoints, the group named by its (negative) chatId.
    /** Everything posted in the group by its members and bots, oldest first. */
    groupMessages: (chatId) => call('GET', `/chats/${segment(chatId)}/messages`),
    sendGroupMessage: ({ from, chatId, text }) => call('POST', '/messages', { from, chatId, text }),
    /** `/command@bot`, as Telegram's apps send a command picked from a group's command menu. */
    sendGroupCommand: ({ from, chatId, bot, command }) =>
      call('POST', '/commands', { from, chatId, bot, command, addressed: true }),
    pressGroupButton: ({ from, chatId, messageId, data }) =>
      call('POST', '/callbacks', { from, chatId, messageId, data }),
    eventsUrl: () => `${base()}/events${query({ types: TELEGRAM_EVENT_TYPES.join(',') })}`,
  };
}

/** The Discord emulator's control API at `controlUrl` (or a function answering it); see telegramApi. */
export function discordApi(controlUrlOrGetter, { refresh } = {}) {
  const base = controlUrlOf(controlUrlOrGetter);
  const call = (method, path, body) => request(base(), method, path, body);
  return {
    refresh: refresh ?? (async () => {}),
    state: () => call('GET', '/state'),
    /** A new person, their Discord app set to `locale`; addMember has them join the guild. */
    createUser: ({ username, locale }) => call('POST', '/users', { username, locale }),
    addMember: (guildId, userId) => call('POST', `/guilds/${segment(guildId)}/members`, { userId }),
    /** The member leaves the guild (GUILD_MEMBER_REMOVE), as leaving or a kick looks to a bot. */
    removeMember: (guildId, userId) =>
      call('DELETE', `/guilds/${segment(guildId)}/members/${segment(userId)}`),
    /** A moderator bans the user: GUILD_BAN_ADD and the member's removal; they cannot rejoin until unbanned. */
    banUser: (guildId, userId, { reason } = {}) =>
      call('PUT', `/guilds/${segment(guildId)}/bans/${segment(userId)}`, { reason }),
    unbanUser: (guildId, userId) => call('DELETE', `/guilds/${segment(guildId)}/bans/${segment(userId)}`),
    commands: (applicationId) => call('GET', `/commands${query({ applicationId })}`),
    channelMessages: (channelId) =>
      call('GET', `/channels/${segment(channelId)}/messages${query({ limit: 100 })}`),
    directMessages: ({ userId, botUserId }) => call('GET', `/dms${query({ userId, botUserId })}`),
    roleChanges: ({ guildId, userId }) => call('GET', `/role-changes${query({ guildId, userId })}`),
    sendMessage: (channelId, { authorId, content }) =>
      call('POST', `/channels/${segment(channelId)}/messages`, { authorId, content }),
    sendDirectMessage: ({ userId, botUserId, content }) =>
      call('POST', '/dms', { userId, botUserId, content }),
    runCommand: (command) => call('POST', '/interactions/commands', commandInvocation(command)),
    pressComponent: ({ messageId, userId, customId, values }) =>
      call('POST', '/interactions/components', { messageId, userId, customId, values }),
    /** The member types into an autocomplete option (`options[focused]` is the text so far). */
    typeIntoOption: (command) =>
      call('POST', '/interactions/autocomplete', { ...commandInvocation(command), focused: command.focused }),
    /** The interaction once the bot answered it (a 408 refusal after `timeoutMs`). */
    interactionResponse: (interactionId, { timeoutMs } = {}) =>
      call('GET', `/interactions/${segment(interactionId)}${query({ wait: 'response', timeoutMs })}`),
    /** The member submits the modal the bot opened in answer to `interactionId`. */
    submitModal: ({ interactionId, values }) =>
      call('POST', '/interactions/modals', { interactionId, values }),
    /** Joins or moves (`channelId`) and toggles `selfMute` / `selfDeaf`. */
    setVoiceState: (guildId, userId, { channelId, selfMute, selfDeaf }) =>
      call('PUT', `/guilds/${segment(guildId)}/voice/${segment(userId)}`, {
        channelId,
        selfMute,
        selfDeaf,
      }),
    leaveVoice: (guildId, userId) => call('DELETE', `/guilds/${segment(guildId)}/voice/${segment(userId)}`),
    eventsUrl: () => `${base()}/events`,
  };
}

async function request(baseUrl, method, path, body) {
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

/** The fields a command invocation sends: where, by whom, which command and the options given. */
function commandInvocation({ channelId, userId, applicationId, name, subcommandGroup, subcommand, options }) {
  return { channelId, userId, applicationId, name, subcommandGroup, subcommand, options };
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
