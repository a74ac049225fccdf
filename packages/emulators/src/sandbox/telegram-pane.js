import { remembered, toast } from './dom.js';
import { openLiveStream, showStreamStatus } from './live-stream.js';
import { chatEntry, closePoll, pinFrom, setPollVote, setReaction, unpin } from './telegram-chat-state.js';
import { createMessageActions } from './telegram-message-actions.js';
import { createTelegramRender, groupsOf } from './telegram-pane-render.js';
import { buildTelegramLayout } from './telegram-view.js';

/**
 * The Telegram side: a person plays one of the emulator's users in a private chat with the bot or
 * in a group the user is a member of, types messages and commands, presses inline and
 * reply-keyboard buttons, votes in polls, reacts to messages, opens the bot's Mini Apps, and sees
 * the bot's answers (and, in a group, everyone's messages, reactions, votes and pins) as they arrive
 * on the emulator's event stream.
 */
export function mountTelegramPane(root, api) {
  const state = {
    bot: null,
    users: [],
    userId: null,
    /** The world's groups, with their members. */
    groups: [],
    /** The group shown, or null for the private chat with the bot. */
    groupId: null,
    /** The bot's Mini App menu button (`web_app`), or null. */
    webApp: null,
    /** message_id -> { message, replyKeyboard, deleted, reactions, pollVotes, pinOrder } (telegram-chat-state.js). */
    chat: new Map(),
    commands: [],
    delivery: { polling: false, webhookUrl: '', lastPollAt: 0 },
    /** Whether the emulator's event stream is open: without it, nothing here is known to be current. */
    streamLive: false,
    /** Events that arrived while a reload was running, applied once it is done. */
    buffered: null,
    /** callback_query id -> the answer, for answers that beat the press's own response. */
    answers: new Map(),
    pressed: new Set(),
    /** The message whose reaction picker is open, or null. */
    reactingTo: null,
    keyboardHiddenAfter: 0,
    typingTimer: null,
  };

  const ui = buildTelegramLayout(root);
  const fail = (what) => (error) => toast(ui.toasts, `${what}: ${error.message}`, { tone: 'error' });
  // renderChat is defined just below; the actions only call it once the person does something.
  const { openWebApp, vote, pickReaction, react, press, showAnswer } = createMessageActions(state, api, {
    renderChat: () => renderChat(),
    fail,
    toasts: ui.toasts,
  });
  const { renderAll, renderUsers, renderChats, renderPresence, renderChat, renderCommandMenu } =
    createTelegramRender(state, ui, { sendText, sendCommand, press, vote, react, pickReaction, openWebApp });
  ui.userSelect.addEventListener('change', () => selectUser(Number(ui.userSelect.value)));
  ui.chatSelect.addEventListener('change', () =>
    selectChat(ui.chatSelect.value === 'private' ? null : Number(ui.chatSelect.value)),
  );
  ui.newUserButton.addEventListener('click', () => toggleNewUserForm(true));
  ui.newUserCancel.addEventListener('click', () => toggleNewUserForm(false));
  ui.newUserForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void createUser();
  });
  ui.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendTyped();
  });
  ui.input.addEventListener('input', renderCommandMenu);
  ui.webAppButton.addEventListener('click', () => void openWebApp(undefined));
  ui.menuButton.addEventListener('click', () => {
    ui.commandMenu.hidden = !ui.commandMenu.hidden;
    if (!ui.commandMenu.hidden) renderCommandMenu({ force: true });
  });

  openLiveStream({
    url: api.eventsUrl,
    beforeReconnect: api.refresh,
    onStatus: (status) => {
      showStreamStatus(ui.status, status);
      state.streamLive = status === 'live';
      renderPresence();
    },
    onOpen: () => void reload(),
    onEvent: (event) => (state.buffered ? state.buffered.push(event) : apply(event)),
  });
  setInterval(() => void refreshBot(), 15_000);

  async function reload() {
    state.buffered = [];
    try {
      const world = await api.world();
      state.bot = world.bots[0] ?? null;
      state.users = world.users;
      state.groups = world.groups ?? [];
      const kept = Number(remembered.get('telegram-user'));
      state.userId = state.users.some((u) => u.id === kept) ? kept : (state.users[0]?.id ?? null);
      state.groupId = keptGroup(Number(remembered.get('telegram-chat')));
      await Promise.all([loadChat(), refreshBot()]);
    } catch (error) {
      fail('Could not load the Telegram world')(error);
    } finally {
      const pending = state.buffered ?? [];
      state.buffered = null;
      for (const event of pending) apply(event);
      renderAll();
    }
  }

  async function loadChat() {
    state.chat.clear();
    state.keyboardHiddenAfter = 0;
    if (!state.bot || state.userId === null) return;
    if (state.groupId !== null) {
      for (const stored of await api.groupMessages(state.groupId)) remember(stored, stored.replyKeyboard);
      return;
    }
    // A user who never wrote to the bot has no chat with it yet: an empty conversation.
    const user = state.users.find((u) => u.id === state.userId);
    if (!user?.startedBots?.includes(state.bot.id)) return;
    for (const stored of await api.messages(state.userId, state.bot.id))
      remember(stored, stored.replyKeyboard);
  }

  async function refreshBot() {
    if (!state.bot) return;
    // The menu button can be the played user's own (setChatMenuButton with their chat_id).
    const status = await api.bot(state.bot.id, { user: state.userId ?? undefined }).catch(() => null);
    if (!status) return;
    state.commandLists = status.commands;
    pickChatCommands();
    state.delivery.polling = status.polling;
    state.delivery.webhookUrl = status.webhook?.url ?? '';
    state.webApp = status.menuButton?.type === 'web_app' ? status.menuButton : null;
    renderChats();
    renderPresence();
  }

  function apply(event) {
    const bot = state.bot;
    const inGroup = state.groupId !== null;
    // In a group every bot's messages show; in the private chat, only this bot's with this user.
    const here = (chatId, botId) =>
      bot && (inGroup ? chatId === state.groupId : chatId === state.userId && botId === bot.id);
    switch (event.type) {
      case 'world.reset':
        void reload();
        return;
      case 'world.changed':
        if (/^(user|bot|group|member)\./.test(event.change)) void refreshUsers();
        return;
      case 'user.message': {
        const shown = inGroup
          ? event.chatId === state.groupId
          : bot && event.chatId === state.userId && event.botIds.includes(bot.id);
        if (!shown) return;
        remember(event.message);
        break;
      }
      case 'bot.message':
        if (!here(event.chatId, event.botId)) return;
        remember(event.message, event.replyKeyboard);
        if (event.message.pinned_message) pinFrom(state.chat, event.message);
        stopTyping();
        break;
      case 'user.reaction': {
        const shown = inGroup
          ? event.chatId === state.groupId
          : bot && event.chatId === state.userId && event.botIds.includes(bot.id);
        const reactor = `${event.anonymous ? 'anonymous' : 'user'}:${event.userId}`;
        if (!shown || !setReaction(state.chat, event.messageId, reactor, event.reaction)) return;
        break;
      }
      case 'bot.reaction':
        if (!here(event.chatId, event.botId)) return;
        if (!setReaction(state.chat, event.messageId, `bot:${event.botId}`, event.reaction)) return;
        break;
      case 'user.poll_answer':
        if (!here(event.chatId, event.botId)) return;
        if (!setPollVote(state.chat, event.messageId, event.userId, event.optionIds)) return;
        break;
      case 'bot.poll_stopped':
        if (!here(event.chatId, event.botId) || !closePoll(state.chat, event.poll)) return;
        break;
      case 'bot.unpin':
        if (!here(event.chatId, event.botId) || !unpin(state.chat, event.messageIds)) return;
        break;
      case 'bot.edit':
        if (!here(event.chatId, event.botId)) return;
        remember(event.message, state.chat.get(event.message.message_id)?.replyKeyboard);
        break;
      case 'bot.delete': {
        const entry = here(event.chatId, event.botId) && state.chat.get(event.messageId);
        if (!entry) return;
        entry.deleted = true;
        break;
      }
      case 'bot.chat_action':
        if (here(event.chatId, event.botId) && event.action === 'typing') startTyping();
        return;
      case 'bot.callback_answer':
        showAnswer(event.callbackQueryId, event.answer);
        return;
      case 'bot.commands':
      case 'bot.menu_button':
      case 'bot.webhook':
        if (bot && event.botId === bot.id) void refreshBot();
        return;
      case 'bot.poll':
        if (bot && event.botId === bot.id) {
          state.delivery.lastPollAt = Date.now();
          renderPresence();
        }
        return;
      default:
        return;
    }
    renderChat();
  }

  function remember(message, replyKeyboard) {
    state.chat.set(message.message_id, chatEntry(message, state.chat.get(message.message_id), replyKeyboard));
  }

  async function refreshUsers() {
    const world = await api.world().catch(() => null);
    if (!world) return;
    state.users = world.users;
    state.groups = world.groups ?? [];
    state.bot ??= world.bots[0] ?? null;
    // A world being built (the emulator just restarted): play its first user once there is one.
    const first = state.users[0];
    if (first && !state.users.some((u) => u.id === state.userId)) await selectUser(first.id);
    else if (state.groupId !== null && keptGroup(state.groupId) === null) {
      // Removed from the group, or the group became a supergroup under a new id.
      const movedTo = state.groups.find((group) => group.id === state.groupId)?.migratedTo;
      await selectChat(keptGroup(movedTo));
    } else renderUsers();
  }

  /** `groupId` when the played user is in that group, else null (the private chat). */
  function keptGroup(groupId) {
    return groupsOf(state.groups, state.userId).some((group) => group.id === groupId) ? groupId : null;
  }

  function pickChatCommands() {
    state.commands = pickCommands(state.commandLists, languageOf(state.userId), state.groupId);
  }

  async function selectChat(groupId) {
    state.groupId = groupId;
    remembered.set('telegram-chat', groupId ?? 'private');
    pickChatCommands();
    ui.commandMenu.hidden = true;
    stopTyping();
    await reloadChat('Could not load the chat');
  }

  async function selectUser(userId) {
    state.userId = userId;
    remembered.set('telegram-user', userId);
    void refreshBot();
    await reloadChat('Could not load the chat', async () => {
      // Fresh users: whether this one has written to the bot since the page loaded them.
      const world = await api.world();
      state.users = world.users;
      state.groups = world.groups ?? [];
      // Another member of the same group stays in it; anyone else starts in the private chat.
      state.groupId = keptGroup(state.groupId);
      pickChatCommands();
    });
  }

  /** Loads the chat shown anew, after `before`; events arriving meanwhile are applied after it. */
  async function reloadChat(what, before) {
    state.buffered = [];
    try {
      await before?.();
      await loadChat();
    } catch (error) {
      fail(what)(error);
    } finally {
      const pending = state.buffered ?? [];
      state.buffered = null;
      for (const event of pending) apply(event);
      renderAll();
    }
  }

  async function createUser() {
    const firstName = ui.newUserName.value.trim();
    const username = ui.newUserHandle.value.trim().replace(/^@/, '');
    const languageCode = ui.newUserLanguage.value;
    if (!firstName) return;
    try {
      const user = await api.createUser({
        firstName,
        username: username || undefined,
        languageCode: languageCode || undefined,
      });
      ui.newUserForm.reset();
      toggleNewUserForm(false);
      state.users = [...state.users.filter((u) => u.id !== user.id), user];
      await selectUser(user.id);
    } catch (error) {
      fail('Could not create the user')(error);
    }
  }

  async function sendTyped() {
    const text = ui.input.value.trim();
    if (!text || !state.bot || state.userId === null) return;
    ui.input.value = '';
    ui.commandMenu.hidden = true;
    await sendText(text);
  }

  async function sendText(text) {
    try {
      const sent =
        state.groupId === null
          ? await api.sendMessage({ from: state.userId, bot: state.bot.id, text })
          : await api.sendGroupMessage({ from: state.userId, chatId: state.groupId, text });
      remember(sent.message);
      renderChat();
    } catch (error) {
      fail('Not sent')(error);
    }
  }

  async function sendCommand(command) {
    ui.commandMenu.hidden = true;
    ui.input.value = '';
    try {
      // In a group, a command picked from the menu is addressed to the bot (`/top@bot`), as Telegram sends it.
      const sent =
        state.groupId === null
          ? await api.sendCommand({ from: state.userId, bot: state.bot.id, command })
          : await api.sendGroupCommand({
              from: state.userId,
              chatId: state.groupId,
              bot: state.bot.id,
              command,
            });
      remember(sent.message);
      renderChat();
    } catch (error) {
      fail('Not sent')(error);
    }
  }

  function startTyping() {
    ui.typing.hidden = false;
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(stopTyping, 5000);
  }

  function stopTyping() {
    clearTimeout(state.typingTimer);
    ui.typing.hidden = true;
  }

  function toggleNewUserForm(open) {
    ui.newUserForm.hidden = !open;
    if (open) ui.newUserName.focus();
  }

  /** The language the user's app reports (their `language_code`), '' when none. */
  function languageOf(userId) {
    return state.users.find((u) => u.id === userId)?.language_code ?? '';
  }
}

/**
 * The commands a chat's menu shows, as Telegram's apps pick them: the most specific scope that has
 * commands (in a group: that group, then all groups; in a private chat: all private chats), then the
 * default one; in each, the list for the user's language before the list for everyone.
 */
function pickCommands(scopes = [], languageCode = '', groupId = null) {
  const primary = languageCode.split('-')[0];
  const matches = (scope, type) =>
    scope?.type === type && (type !== 'chat' || Number(scope.chat_id) === groupId);
  const find = (type, code) =>
    scopes.find((s) => matches(s.scope, type) && (s.languageCode ?? '') === code)?.commands;
  const types = groupId === null ? ['all_private_chats', 'default'] : ['chat', 'all_group_chats', 'default'];
  const lists = types.flatMap((type) => [...(primary ? [find(type, primary)] : []), find(type, '')]);
  return lists.find((list) => list !== undefined) ?? [];
}
