import { h, renderKeepingScroll } from './dom.js';
import { pinnedEntries } from './telegram-chat-state.js';
import { pinnedBar } from './telegram-message-parts.js';
import { serviceText } from './telegram-text.js';
import { messageView, serviceView } from './telegram-view.js';

/** A bot counts as connected while it long-polls (telegraf asks again at least every 50 s). */
const POLL_FRESH_MS = 65_000;

/**
 * Draws the Telegram pane's state (telegram-pane.js) into its layout: the user and chat pickers,
 * whether a bot is connected, the chat, the reply keyboard and the command menu. What the person does there goes
 * to `actions`, which send it to the emulator.
 */
export function createTelegramRender(state, ui, actions) {
  const { sendText, sendCommand, press, vote, react, pickReaction, openWebApp } = actions;
  function renderAll() {
    renderUsers();
    renderPresence();
    renderChat();
  }

  function renderUsers() {
    ui.userSelect.replaceChildren(
      ...state.users.map((user) =>
        h(
          'option',
          { value: String(user.id), selected: user.id === state.userId },
          `${[user.first_name, user.last_name].filter(Boolean).join(' ')}${user.username ? ` (@${user.username})` : ''} · ${user.language_code ?? 'no language'}`,
        ),
      ),
    );
    ui.userSelect.disabled = state.users.length === 0;
    const ready = Boolean(state.bot && state.userId !== null);
    ui.input.disabled = !ready;
    ui.sendButton.disabled = !ready;
    ui.menuButton.disabled = !ready;
    renderChats();
  }

  /** The chat picker, and what depends on the chat: the message field's hint, the Mini App button. */
  function renderChats() {
    const bot = state.bot;
    const groups = groupsOf(state.groups, state.userId);
    ui.chatSelect.replaceChildren(
      h(
        'option',
        { value: 'private', selected: state.groupId === null },
        bot ? `Private chat with @${bot.username}` : 'Private chat with the bot',
      ),
      ...groups.map((group) =>
        h(
          'option',
          { value: String(group.id), selected: group.id === state.groupId },
          `${group.title ?? 'Group'} (group)`,
        ),
      ),
    );
    ui.chatSelect.disabled = !bot || state.userId === null;
    const group = groups.find((candidate) => candidate.id === state.groupId);
    ui.input.placeholder = !bot
      ? 'The emulator has no bot'
      : group
        ? `Message ${group.title ?? 'the group'}`
        : `Message @${bot.username}`;
    // Telegram shows the bot's menu button beside the message field of its private chat only.
    ui.webAppButton.hidden = !state.webApp || state.groupId !== null;
    if (state.webApp) ui.webAppButton.textContent = state.webApp.text;
  }

  function renderPresence() {
    const bot = state.bot;
    ui.botName.textContent = bot ? `@${bot.username}` : 'no bot';
    if (!state.streamLive) {
      ui.presence.dataset.online = 'false';
      ui.presence.textContent = 'disconnected';
      ui.presence.title = 'The emulator cannot be reached; the page reconnects by itself when it is back';
      return;
    }
    const { polling, webhookUrl, lastPollAt } = state.delivery;
    const online = polling || webhookUrl !== '' || Date.now() - lastPollAt < POLL_FRESH_MS;
    ui.presence.dataset.online = String(online);
    ui.presence.textContent = webhookUrl ? 'connected (webhook)' : online ? 'connected' : 'no bot running';
    ui.presence.title = online
      ? 'A bot is fetching updates from the emulator'
      : 'Start a bot with the token and apiRoot the CLI printed; messages wait for it meanwhile';
  }

  function renderChat() {
    renderKeepingScroll(ui.chat, () => {
      const entries = [...state.chat.values()].sort((a, b) => a.message.message_id - b.message.message_id);
      const group = state.groups.find((candidate) => candidate.id === state.groupId);
      if (entries.length === 0 && group) {
        ui.chat.replaceChildren(
          h('div', { class: 'empty' }, `Nobody has written in ${group.title ?? 'this group'} yet.`),
        );
      } else if (entries.length === 0) {
        const user = state.users.find((u) => u.id === state.userId);
        ui.chat.replaceChildren(
          h(
            'div',
            { class: 'empty' },
            user
              ? `${user.first_name} has not written to the bot yet. Try /start.`
              : 'Create a user to start.',
          ),
        );
      } else {
        ui.chat.replaceChildren(
          ...entries.map((entry) => {
            const service = group ? serviceText(entry.message) : null;
            if (service) return serviceView(service);
            return messageView(entry, {
              onCommand: (text) => void sendText(text),
              onPress: (messageId, button) => void press(messageId, button),
              busy: (messageId, button) => state.pressed.has(`${messageId}:${button.callback_data}`),
              group: group ? { own: entry.message.from?.id === state.userId } : undefined,
              onOpenApp: (url) => void openWebApp(url),
              onVote: (messageId, optionIds) => void vote(messageId, optionIds),
              onReact: (messageId, reaction) => void react(messageId, reaction),
              onPick: pickReaction,
              picking: state.reactingTo === entry.message.message_id,
              userId: state.userId,
            });
          }),
        );
      }
    });
    renderPinned();
    renderReplyKeyboard();
  }

  function renderPinned() {
    const pinned = pinnedEntries(state.chat);
    ui.pinned.hidden = pinned.length === 0;
    ui.pinned.replaceChildren(...(pinned[0] ? [pinnedBar(pinned[0].message, { count: pinned.length })] : []));
  }

  /** The reply keyboard of the bot's latest message that set or removed one. */
  function renderReplyKeyboard() {
    const latest = [...state.chat.values()]
      .filter((entry) => entry.replyKeyboard && entry.message.from?.is_bot)
      .sort((a, b) => b.message.message_id - a.message.message_id)[0];
    const markup = latest?.replyKeyboard;
    const visible = markup?.keyboard && latest.message.message_id > state.keyboardHiddenAfter;
    ui.replyKeyboard.hidden = !visible;
    if (!visible) return;
    ui.replyKeyboard.replaceChildren(
      ...markup.keyboard.map((row) =>
        h(
          'div',
          { class: 'tg-keyboard-row' },
          row.map((button) => {
            const text = typeof button === 'string' ? button : button.text;
            // A Mini App button opens the app; Telegram sends no message for it.
            if (button.web_app?.url)
              return h(
                'button',
                {
                  type: 'button',
                  class: 'tg-key web-app',
                  onclick: () => void openWebApp(button.web_app.url),
                },
                `${text} ⧉`,
              );
            return h(
              'button',
              {
                type: 'button',
                class: 'tg-key',
                onclick: () => {
                  if (markup.one_time_keyboard) state.keyboardHiddenAfter = latest.message.message_id;
                  void sendText(text);
                },
              },
              text,
            );
          }),
        ),
      ),
    );
  }

  function renderCommandMenu({ force = false } = {}) {
    const typed = ui.input.value;
    const filtering = /^\/\S*$/.test(typed);
    if (!force && !filtering) {
      ui.commandMenu.hidden = true;
      return;
    }
    const prefix = filtering ? typed.slice(1).toLowerCase() : '';
    const matches = state.commands.filter((c) => c.command.startsWith(prefix));
    ui.commandMenu.hidden = false;
    ui.commandMenu.replaceChildren(
      ...(matches.length
        ? matches.map((c) =>
            h(
              'button',
              { type: 'button', class: 'menu-item', onclick: () => void sendCommand(c.command) },
              h('span', { class: 'menu-name' }, `/${c.command}`),
              h('span', { class: 'menu-hint' }, c.description),
            ),
          )
        : [
            h(
              'div',
              { class: 'menu-empty' },
              state.commands.length
                ? 'No command starts like that'
                : 'The bot has not registered commands (setMyCommands) yet',
            ),
          ]),
    );
  }

  return { renderAll, renderUsers, renderChats, renderPresence, renderChat, renderCommandMenu };
}

/** Members who are gone from a group no longer see it. */
const GONE = ['left', 'kicked'];

/**
 * The groups of the emulator's world that `userId` is a member of, by title. A group upgraded to a
 * supergroup lives on under its new id, so the old one is left out.
 */
export function groupsOf(groups, userId) {
  return groups
    .filter((group) => group.migratedTo === undefined)
    .filter((group) => group.members?.some((member) => member.id === userId && !GONE.includes(member.status)))
    .sort((a, b) => String(a.title ?? '').localeCompare(String(b.title ?? '')));
}
