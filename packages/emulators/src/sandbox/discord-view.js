import { componentRows, discordContent, embedCards } from './discord-text.js';
import { clockTime, colourFor, h, languageSelect } from './dom.js';

/** What the Discord pane shows, built from data it is given: no state and no requests here. */

const Flag = { Ephemeral: 64, Loading: 128 };

/** One message: author, who ran the command it answers, content, embeds, components. */
export function messageView(message, { names, displayName, onPress, busy }) {
  const author = message.author;
  const fromBot = author.bot === true;
  const used = message.interaction_metadata;
  const loading = (message.flags & Flag.Loading) !== 0;
  return h(
    'article',
    { class: `dc-message${fromBot ? ' from-bot' : ''}` },
    h(
      'div',
      { class: 'avatar', style: { background: colourFor(author.id) }, 'aria-hidden': 'true' },
      (author.username[0] ?? '?').toUpperCase(),
    ),
    h(
      'div',
      { class: 'dc-body' },
      used ? h('div', { class: 'dc-used' }, usedLine(used, displayName)) : null,
      h(
        'div',
        { class: 'dc-head' },
        h('span', { class: 'dc-author' }, displayName(author.id)),
        fromBot ? h('span', { class: 'bot-tag' }, 'APP') : null,
        h('time', { class: 'muted' }, clockTime(message.timestamp)),
        message.edited_timestamp ? h('span', { class: 'muted' }, '(edited)') : null,
      ),
      loading
        ? h('div', { class: 'dc-thinking' }, `${author.username} is thinking…`)
        : message.content
          ? h('div', { class: 'dc-content' }, discordContent(message.content, names))
          : null,
      embedCards(message.embeds, names),
      (message.attachments ?? []).map((a) =>
        h(
          'a',
          { class: 'dc-attachment', href: a.url, target: '_blank', rel: 'noopener noreferrer' },
          `📎 ${a.filename}`,
        ),
      ),
      componentRows(message.components, { onPress, busy }),
      message.flags & Flag.Ephemeral ? h('div', { class: 'dc-ephemeral' }, '👁 Only you can see this') : null,
    ),
  );
}

/** Above an interaction's reply: who ran which command, or pressed a button. */
function usedLine(used, displayName) {
  const who = `↳ ${displayName(used.user.id)}`;
  if (used.type === 2)
    return [`${who} used `, h('span', { class: 'dc-command' }, `/${used.name ?? 'command'}`)];
  return `${who} pressed a button`;
}

/** Voice channels with who is in them, a Join/Move button, and the played member's controls. */
export function voicePanel({ channels, states, memberId, displayName, onVoice }) {
  const mine = states.find((s) => s.user_id === memberId);
  return [
    channels.map((channel) => {
      const inside = states.filter((s) => s.channel_id === channel.id);
      return h(
        'div',
        { class: 'voice-channel' },
        h(
          'div',
          { class: 'voice-head' },
          h('span', {}, `🔊 ${channel.name}`),
          mine?.channel_id === channel.id
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: 'ghost small',
                  onclick: () => onVoice({ channelId: channel.id }),
                },
                mine ? 'Move' : 'Join',
              ),
        ),
        inside.length
          ? h(
              'ul',
              { class: 'voice-members' },
              inside.map((s) =>
                h(
                  'li',
                  {},
                  displayName(s.user_id),
                  s.self_mute || s.mute ? h('span', { class: 'voice-flag', title: 'Muted' }, ' 🔇') : null,
                  s.self_deaf || s.deaf ? h('span', { class: 'voice-flag', title: 'Deafened' }, ' 🎧̸') : null,
                ),
              ),
            )
          : null,
      );
    }),
    mine
      ? h(
          'div',
          { class: 'voice-controls' },
          h(
            'button',
            {
              type: 'button',
              class: 'ghost small',
              onclick: () => onVoice({ selfMute: !mine.self_mute }),
            },
            mine.self_mute ? 'Unmute' : 'Mute',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'ghost small',
              onclick: () => onVoice({ selfDeaf: !mine.self_deaf }),
            },
            mine.self_deaf ? 'Undeafen' : 'Deafen',
          ),
          h('button', { type: 'button', class: 'danger small', onclick: () => onVoice('leave') }, 'Leave'),
        )
      : null,
  ];
}

/**
 * What can happen to the played member's membership, as in Discord: a member leaves (or is kicked:
 * the bot sees the same removal) or is banned by a moderator; someone who left rejoins, and a ban
 * is lifted before they can.
 */
export function membershipButtons(standing, { busy, onMembership }) {
  if (!standing) return [];
  const button = (change, label, tone, title) =>
    h(
      'button',
      {
        type: 'button',
        class: `${tone} small`,
        'data-membership': change,
        disabled: busy,
        title,
        onclick: () => onMembership(change),
      },
      label,
    );
  if (standing === 'member')
    return [
      button('leave', 'Leave server', 'ghost', 'Leave the server (a kick looks the same to the bot)'),
      button(
        'ban',
        'Ban',
        'danger',
        'A moderator bans this member: the bot hears of the ban and the removal',
      ),
    ];
  if (standing === 'banned')
    return [
      h('span', { class: 'muted' }, 'Banned'),
      button('unban', 'Unban', 'ghost', 'A moderator lifts the ban; then they can rejoin'),
    ];
  return [
    h('span', { class: 'muted' }, 'Not in the server'),
    button('rejoin', 'Rejoin', 'primary discord', 'Join the server again'),
  ];
}

/** The played member's roles, highest first, each with its colour. */
export function roleChips(roles) {
  if (!roles.length) return [h('span', { class: 'muted' }, 'No roles yet')];
  return roles.map((role) =>
    h(
      'span',
      {
        class: 'role-chip',
        style: role.color ? { '--role-colour': `#${role.color.toString(16).padStart(6, '0')}` } : undefined,
      },
      role.name,
    ),
  );
}

/** Role changes, newest first: what changed, by whom, and the audit-log reason. */
export function roleChangeItems(changes, { roleName, displayName }) {
  return changes.map((change) =>
    h(
      'li',
      { class: change.action === 'add' ? 'added' : 'removed' },
      `${change.action === 'add' ? '+' : '−'} ${roleName(change.roleId)}`,
      h(
        'span',
        { class: 'muted' },
        ` by ${change.actorId ? displayName(change.actorId) : 'someone'}${change.reason ? ` · ${change.reason}` : ''}`,
      ),
    ),
  );
}

/** The pane's fixed parts; the returned elements are filled in as the world changes. */
/** The app languages a new member can have: Discord locales (it always sends one). */
const DISCORD_LANGUAGES = [
  ['en-US', 'English (en-US)'],
  ['ru', 'Русский (ru)'],
  ['en-GB', 'English (en-GB)'],
];

export function buildDiscordLayout(root) {
  const ui = {};
  ui.status = h('span', { class: 'stream-status', 'data-status': 'connecting' }, [
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', { class: 'status-label' }, 'Connecting…'),
  ]);
  ui.guildName = h('span', {}, '…');
  ui.botName = h('span', { class: 'bot-name' }, '…');
  ui.presence = h('span', { class: 'presence' }, '');
  ui.memberSelect = h('select', { id: 'dc-member', 'aria-label': 'Discord member you play' });
  ui.membership = h('span', { class: 'membership', 'aria-label': 'Membership of the member you play' });
  ui.newMemberButton = h('button', { type: 'button', class: 'ghost' }, '+ New member');
  ui.newMemberName = h('input', {
    name: 'username',
    required: true,
    placeholder: 'username',
    maxlength: 32,
    pattern: '[a-z0-9_.]{2,32}',
    title: '2-32 lowercase letters, digits, "_" or "."',
  });
  ui.newMemberLocale = languageSelect('locale', 'Language of their Discord app', DISCORD_LANGUAGES);
  ui.newMemberCancel = h('button', { type: 'button', class: 'ghost' }, 'Cancel');
  ui.newMemberForm = h(
    'form',
    { class: 'inline-form', hidden: true },
    ui.newMemberName,
    ui.newMemberLocale,
    h('button', { type: 'submit', class: 'primary discord' }, 'Create'),
    ui.newMemberCancel,
  );
  ui.channels = h('nav', { class: 'channel-list', 'aria-label': 'Text channels' });
  ui.voice = h('div', { class: 'voice-list' });
  ui.rolesTitle = h('h3', {}, 'Roles');
  ui.roles = h('div', { class: 'role-chips' });
  ui.roleLog = h('ul', { class: 'role-log', 'aria-label': 'Recent role changes' });
  ui.channelTitle = h('div', { class: 'channel-title' }, '');
  ui.chat = h('div', { class: 'chat dc-chat', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages' });
  ui.commandSlot = h('div', { class: 'command-slot' });
  ui.commandMenu = h('div', { class: 'command-menu', hidden: true });
  ui.commandButton = h('button', { type: 'button', class: 'icon-button', title: 'Slash commands' }, '/');
  ui.input = h('input', { class: 'composer-input', autocomplete: 'off', 'aria-label': 'Message' });
  ui.sendButton = h('button', { type: 'submit', class: 'primary discord' }, 'Send');
  ui.composer = h('form', { class: 'composer' }, ui.commandButton, ui.input, ui.sendButton);
  ui.toasts = h('div', { class: 'toasts', 'aria-live': 'assertive' });

  root.replaceChildren(
    h(
      'header',
      { class: 'pane-header' },
      h(
        'div',
        { class: 'pane-title' },
        h('span', { class: 'logo logo-discord', 'aria-hidden': 'true' }, 'D'),
        h(
          'div',
          {},
          h('h2', {}, 'Discord'),
          h('p', { class: 'subtitle' }, ui.guildName, ' · ', ui.botName, ' · ', ui.presence),
        ),
      ),
      ui.status,
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'dc-member' }, 'Playing as'),
      ui.memberSelect,
      ui.membership,
      ui.newMemberButton,
    ),
    ui.newMemberForm,
    h(
      'div',
      { class: 'dc-layout' },
      h(
        'aside',
        { class: 'dc-sidebar' },
        h('h3', {}, 'Channels'),
        ui.channels,
        h('h3', {}, 'Voice'),
        ui.voice,
        ui.rolesTitle,
        ui.roles,
        ui.roleLog,
      ),
      h(
        'div',
        { class: 'dc-main' },
        ui.channelTitle,
        ui.chat,
        h('div', { class: 'composer-area' }, ui.commandMenu, ui.commandSlot, ui.composer),
      ),
    ),
    ui.toasts,
  );
  return ui;
}
