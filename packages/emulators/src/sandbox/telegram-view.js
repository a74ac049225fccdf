import { clockTime, colourFor, h, languageSelect } from './dom.js';
import { pollView, reactionsView, tallyVotes } from './telegram-message-parts.js';
import { authorName, messageBody } from './telegram-text.js';

/** What the Telegram pane shows, built from data it is given: no state and no requests here. */

/**
 * A chat bubble: text with its entities, a poll to vote in, when it was sent or edited, its
 * reactions and its inline keyboard. In a group (`group` given) each bubble names its author, and
 * only the played user's own (`own`) sit on the right, as in Telegram's apps; in the private chat
 * everything the person sent is theirs. `actions` holds what the person can do: `onCommand`,
 * `onPress`, `busy`, `onOpenApp(url)` (web_app buttons), `onVote`, `onReact`, `onPick` (the
 * reaction picker, open on the message `picking`), and `userId`, the played user.
 */
export function messageView({ message, deleted, reactions, pollVotes }, actions) {
  const { onCommand, onPress, busy, group, onOpenApp, onVote, onReact, onPick, picking, userId } = actions;
  const fromBot = message.from?.is_bot === true;
  const rows = fromBot && !deleted ? (message.reply_markup?.inline_keyboard ?? []) : [];
  const side = group
    ? group.own
      ? 'from-user'
      : fromBot
        ? 'from-bot'
        : 'from-other'
    : fromBot
      ? 'from-bot'
      : 'from-user';
  return h(
    'div',
    { class: `tg-row ${side}${deleted ? ' deleted' : ''}` },
    h(
      'div',
      { class: 'tg-bubble' },
      group
        ? h(
            'div',
            { class: 'tg-author', style: { color: colourFor(message.from?.id ?? 0) } },
            authorName(message.from),
            fromBot ? h('span', { class: 'tg-bot-tag' }, 'bot') : null,
          )
        : null,
      deleted
        ? h('em', { class: 'muted' }, 'Message deleted by the bot')
        : h('div', { class: 'tg-text' }, messageBody(message, { onCommand })),
      message.poll && !deleted
        ? pollView(tallyVotes(message.poll, pollVotes), {
            chosen: pollVotes?.[userId] ?? [],
            onVote: (optionIds) => onVote(message.message_id, optionIds),
          })
        : null,
      h(
        'div',
        { class: 'tg-meta' },
        message.edit_date ? 'edited ' : '',
        h('time', {}, clockTime(message.date)),
      ),
    ),
    deleted
      ? null
      : reactionsView(reactions, {
          userId,
          picking,
          onReact: (reaction) => onReact(message.message_id, reaction),
          onPick: () => onPick(message.message_id),
        }),
    rows.length
      ? h(
          'div',
          { class: 'tg-inline-keyboard' },
          rows.map((row) =>
            h(
              'div',
              { class: 'tg-keyboard-row' },
              row.map((button) => inlineButton(message.message_id, button, { onPress, busy, onOpenApp })),
            ),
          ),
        )
      : null,
  );
}

function inlineButton(messageId, button, { onPress, busy, onOpenApp }) {
  // A Mini App button opens the app as the played user, signed init data and all, as the menu button does.
  if (button.web_app?.url)
    return h(
      'button',
      { type: 'button', class: 'tg-key web-app', onclick: () => onOpenApp(button.web_app.url) },
      `${button.text} ⧉`,
    );
  if (button.url)
    return h(
      'a',
      { class: 'tg-key', href: button.url, target: '_blank', rel: 'noopener noreferrer' },
      `${button.text} ↗`,
    );
  if (button.callback_data === undefined)
    return h('span', { class: 'tg-key disabled', title: 'Not emulated' }, button.text);
  const waiting = busy(messageId, button);
  return h(
    'button',
    { type: 'button', class: `tg-key${waiting ? ' busy' : ''}`, onclick: () => onPress(messageId, button) },
    button.text,
  );
}

/** A group's service message (someone joined, left, renamed it), centred as Telegram shows it. */
export function serviceView(text) {
  return h('div', { class: 'tg-service' }, h('span', {}, text));
}

/** The app languages a new user can have: `language_code` as Telegram sends it, or none. */
const TELEGRAM_LANGUAGES = [
  ['en', 'English'],
  ['ru', 'Русский'],
  ['', 'No language reported'],
];

/** The pane's fixed parts; the returned elements are filled in as the chat changes. */
export function buildTelegramLayout(root) {
  const ui = {};
  ui.status = h('span', { class: 'stream-status', 'data-status': 'connecting' }, [
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', { class: 'status-label' }, 'Connecting…'),
  ]);
  ui.botName = h('span', { class: 'bot-name' }, '…');
  ui.presence = h('span', { class: 'presence' }, '');
  ui.userSelect = h('select', { id: 'tg-user', 'aria-label': 'Telegram user you play' });
  // The private chat with the bot, or a group the played user is in (where message XP is earned).
  ui.chatSelect = h('select', { id: 'tg-chat-choice', 'aria-label': 'Chat' });
  ui.newUserButton = h('button', { type: 'button', class: 'ghost' }, '+ New user');
  ui.newUserName = h('input', {
    name: 'firstName',
    required: true,
    placeholder: 'First name',
    maxlength: 64,
  });
  ui.newUserHandle = h('input', { name: 'username', placeholder: 'username (optional)', maxlength: 32 });
  ui.newUserLanguage = languageSelect('languageCode', 'Language of their Telegram app', TELEGRAM_LANGUAGES);
  ui.newUserCancel = h('button', { type: 'button', class: 'ghost' }, 'Cancel');
  ui.newUserForm = h(
    'form',
    { class: 'inline-form', hidden: true },
    ui.newUserName,
    ui.newUserHandle,
    ui.newUserLanguage,
    h('button', { type: 'submit', class: 'primary' }, 'Create'),
    ui.newUserCancel,
  );
  // The chat's most recently pinned message, above the chat as in Telegram's apps.
  ui.pinned = h('div', { class: 'tg-pinned-slot', hidden: true });
  ui.chat = h('div', { class: 'chat tg-chat', role: 'log', 'aria-live': 'polite', 'aria-label': 'Chat' });
  ui.typing = h('div', { class: 'typing', hidden: true }, 'typing…');
  ui.replyKeyboard = h('div', { class: 'tg-reply-keyboard', hidden: true });
  ui.commandMenu = h('div', { class: 'command-menu', hidden: true });
  ui.menuButton = h('button', { type: 'button', class: 'icon-button', title: 'Bot commands' }, '/');
  ui.input = h('input', { class: 'composer-input', autocomplete: 'off', 'aria-label': 'Message' });
  ui.sendButton = h('button', { type: 'submit', class: 'primary' }, 'Send');
  // The bot's Mini App menu button: opens the app in a new tab as the chosen user, signed init data and all.
  ui.webAppButton = h('button', { type: 'button', class: 'ghost', hidden: true }, 'Open app');
  ui.composer = h('form', { class: 'composer' }, ui.menuButton, ui.webAppButton, ui.input, ui.sendButton);
  ui.toasts = h('div', { class: 'toasts', 'aria-live': 'assertive' });

  root.replaceChildren(
    h(
      'header',
      { class: 'pane-header' },
      h(
        'div',
        { class: 'pane-title' },
        h('span', { class: 'logo logo-telegram', 'aria-hidden': 'true' }, 'T'),
        h('div', {}, h('h2', {}, 'Telegram'), h('p', { class: 'subtitle' }, ui.botName, ' · ', ui.presence)),
      ),
      ui.status,
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'tg-user' }, 'Playing as'),
      ui.userSelect,
      ui.newUserButton,
      h('label', { for: 'tg-chat-choice' }, 'Chat'),
      ui.chatSelect,
    ),
    ui.newUserForm,
    ui.pinned,
    ui.chat,
    ui.typing,
    h('div', { class: 'composer-area' }, ui.commandMenu, ui.replyKeyboard, ui.composer),
    ui.toasts,
  );
  return ui;
}
