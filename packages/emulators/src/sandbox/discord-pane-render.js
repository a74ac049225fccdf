import { DM } from './discord-guild-lookups.js';
import { membershipButtons, messageView, roleChangeItems, roleChips, voicePanel } from './discord-view.js';
import { fill, h, renderKeepingScroll } from './dom.js';

const EPHEMERAL = 64;

/** How the member picker names someone who is not in the server. */
const AWAY = { left: 'left the server', banned: 'banned' };

/**
 * Draws the Discord pane's state (discord-pane.js) into its layout: the header, the member picker,
 * channels, voice, roles, messages and the command menu. What the person does there goes to
 * `actions`, which send it to the emulator.
 */
export function createDiscordRender(state, ui, lookups, { choose, voice, press, openCommand, membership }) {
  const {
    players,
    standing,
    textChannels,
    voiceChannels,
    memberName,
    displayName,
    localeOf,
    roleName,
    names,
  } = lookups;

  function renderAll() {
    renderHeader();
    renderMembers();
    renderChannels();
    renderVoice();
    renderRoles();
    renderMessages();
    renderCommandMenu();
  }

  function renderHeader() {
    const online =
      state.world?.sessions.some((s) => s.botUserId === state.bot?.userId && s.connected) ?? false;
    ui.guildName.textContent = state.guild?.name ?? 'no guild';
    ui.botName.textContent = state.bot ? state.bot.user.username : 'no bot';
    if (!state.streamLive) {
      ui.presence.dataset.online = 'false';
      ui.presence.textContent = 'disconnected';
      ui.presence.title = 'The emulator cannot be reached; the page reconnects by itself when it is back';
      return;
    }
    ui.presence.dataset.online = String(online);
    ui.presence.textContent = online ? 'connected' : 'no bot running';
    ui.presence.title = online
      ? 'A bot holds a gateway session'
      : 'Start a bot with the token and REST URL the CLI printed';
  }

  function renderMembers() {
    ui.memberSelect.replaceChildren(
      ...players().map((m) =>
        h(
          'option',
          { value: m.user.id, selected: m.user.id === state.memberId },
          `${memberName(m)} · ${localeOf(m.user.id)}${m.away ? ` · ${AWAY[m.away]}` : ''}`,
        ),
      ),
    );
    const where = state.memberId ? standing(state.memberId) : null;
    // Someone who left or was banned can neither write nor run commands in the server.
    const ready = Boolean(state.memberId && state.channelId && where === 'member');
    ui.input.disabled = !ready;
    ui.sendButton.disabled = !ready;
    ui.commandButton.disabled = !ready;
    fill(ui.membership, membershipButtons(where, { busy: state.membershipBusy, onMembership: membership }));
  }

  function renderChannels() {
    const entry = (id, label, extra) =>
      h(
        'button',
        {
          type: 'button',
          class: `channel${id === state.channelId ? ' active' : ''}`,
          'aria-current': id === state.channelId ? 'true' : undefined,
          onclick: () => void choose({ channelId: id }),
        },
        label,
        extra,
      );
    ui.channels.replaceChildren(
      ...textChannels().map((c) => entry(c.id, `# ${c.name}`)),
      entry(
        DM,
        `✉ DM with ${state.bot?.user.username ?? 'the bot'}`,
        state.unreadDms ? h('span', { class: 'badge' }, String(state.unreadDms)) : null,
      ),
    );
    const channel = textChannels().find((c) => c.id === state.channelId);
    ui.channelTitle.textContent =
      state.channelId === DM
        ? `Direct messages with ${state.bot?.user.username ?? 'the bot'}`
        : `# ${channel?.name ?? ''}`;
    ui.input.placeholder =
      state.channelId === DM
        ? `Message @${state.bot?.user.username ?? 'bot'}`
        : `Message #${channel?.name ?? ''} — / for commands`;
  }

  function renderVoice() {
    fill(
      ui.voice,
      voicePanel({
        channels: voiceChannels(),
        states: state.guild?.voiceStates ?? [],
        memberId: state.memberId,
        displayName,
        onVoice: (change) => void voice(change),
      }),
    );
  }

  function renderRoles() {
    const member = state.guild?.members.find((m) => m.user.id === state.memberId);
    ui.rolesTitle.textContent = member ? `Roles of ${memberName(member)}` : 'Roles';
    const roles = (state.guild?.roles ?? [])
      .filter((role) => member?.roles.includes(role.id))
      .sort((a, b) => b.position - a.position);
    fill(ui.roles, roleChips(roles));
    fill(ui.roleLog, roleChangeItems([...state.roleChanges].reverse(), { roleName, displayName }));
  }

  function renderMessages() {
    renderKeepingScroll(ui.chat, () => {
      const visible = [...state.messages.values()].filter(
        (m) => !(m.flags & EPHEMERAL) || m.interaction_metadata?.user?.id === state.memberId,
      );
      const items = [
        ...visible.map((m) => ({
          at: Date.parse(m.timestamp),
          node: () =>
            messageView(m, {
              names,
              displayName,
              onPress: (customId, values) => void press(m, customId, values),
              busy: (customId) => state.busyComponents.has(`${m.id}:${customId}`),
            }),
        })),
        ...state.notices
          .filter((n) => n.channelId === state.channelId)
          .map((n) => ({ at: n.at, node: () => h('div', { class: 'dc-notice' }, n.text) })),
      ].sort((a, b) => a.at - b.at);
      ui.chat.replaceChildren(
        ...(items.length
          ? items.map((item) => item.node())
          : [
              h(
                'div',
                { class: 'empty' },
                state.channelId === DM
                  ? 'No direct messages yet.'
                  : 'No messages yet. Say hello, or type / for commands.',
              ),
            ]),
      );
    });
  }

  function renderCommandMenu({ toggle = false } = {}) {
    const typed = ui.input.value;
    const filtering = /^\/\S*$/.test(typed);
    if (toggle) ui.commandMenu.hidden = !ui.commandMenu.hidden;
    else ui.commandMenu.hidden = !filtering;
    if (ui.commandMenu.hidden) return;
    const inDm = state.channelId === DM;
    const prefix = filtering ? typed.slice(1).toLowerCase() : '';
    const matches = state.commands.filter((c) => c.name.startsWith(prefix));
    let empty = null;
    if (inDm) empty = 'Slash commands run in a server channel in the sandbox';
    else if (!state.commands.length) empty = 'The bot has not registered slash commands yet';
    else if (!matches.length) empty = 'No command starts like that';
    ui.commandMenu.replaceChildren(
      ...(empty
        ? [h('div', { class: 'menu-empty' }, empty)]
        : matches.map((c) =>
            h(
              'button',
              { type: 'button', class: 'menu-item', onclick: () => openCommand(c) },
              h('span', { class: 'menu-name' }, `/${c.name}`),
              // As Discord's app: the description in the member's language when the bot gave one.
              h(
                'span',
                { class: 'menu-hint' },
                c.description_localizations?.[localeOf(state.memberId)] ?? c.description,
              ),
            ),
          )),
    );
  }

  return {
    renderAll,
    renderHeader,
    renderMembers,
    renderChannels,
    renderVoice,
    renderRoles,
    renderMessages,
    renderCommandMenu,
  };
}
