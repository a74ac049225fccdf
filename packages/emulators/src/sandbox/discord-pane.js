import { commandForm } from './discord-command-form.js';
import { buildDiscordLayout, messageView, roleChangeItems, roleChips, voicePanel } from './discord-view.js';
import { fill, h, remembered, renderKeepingScroll, toast } from './dom.js';
import { openLiveStream, showStreamStatus } from './live-stream.js';

const DM = 'dm';
const EPHEMERAL = 64;
/** Discord's client gives up on an interaction after 3 s without a response. */
const RESPONSE_TIMEOUT_MS = 3500;

/**
 * The Discord side: a person plays a member of the guild, picks a text channel (or the DM with the
 * bot), posts messages, runs the bot's slash commands, presses its buttons, joins voice, and
 * watches messages, interaction replies, DMs and role changes arrive on the event stream.
 */
export function mountDiscordPane(root, api, discordEvents) {
  const state = {
    world: null,
    guild: null,
    bot: null,
    memberId: null,
    channelId: null,
    dmChannelId: null,
    /** DM channel id -> user id, to tell whose DM a new message belongs to. */
    dmOwners: new Map(),
    messages: new Map(),
    notices: [],
    commands: [],
    roleChanges: [],
    unreadDms: 0,
    pending: new Map(),
    busyComponents: new Set(),
    buffered: null,
    /** Whether the emulator's event stream is open: without it, nothing here is known to be current. */
    streamLive: false,
  };

  const ui = buildDiscordLayout(root);
  ui.memberSelect.addEventListener('change', () => void choose({ memberId: ui.memberSelect.value }));
  ui.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendTyped();
  });
  ui.input.addEventListener('input', () => renderCommandMenu());
  ui.commandButton.addEventListener('click', () => renderCommandMenu({ toggle: true }));

  openLiveStream({
    url: api.eventsUrl,
    beforeReconnect: api.refresh,
    eventNames: discordEvents,
    onStatus: (status) => {
      showStreamStatus(ui.status, status);
      state.streamLive = status === 'live';
      renderHeader();
    },
    onOpen: () => void reload(),
    onEvent: (event) => (state.buffered ? state.buffered.push(event) : apply(event)),
  });

  const fail = (what) => (error) => toast(ui.toasts, `${what}: ${error.message}`, { tone: 'error' });

  /** Runs `load` with live events held back, then applies them on top of what it loaded. */
  async function holdingEvents(what, load) {
    state.buffered = [];
    try {
      await load();
    } catch (error) {
      fail(what)(error);
    } finally {
      const pending = state.buffered ?? [];
      state.buffered = null;
      for (const event of pending) apply(event);
      renderAll();
    }
  }

  function reload() {
    return holdingEvents('Could not load the Discord world', async () => {
      await refreshWorld();
      await Promise.all([loadMessages(), loadCommands(), loadRoleChanges()]);
    });
  }

  function choose({ memberId = state.memberId, channelId = state.channelId }) {
    state.memberId = memberId;
    state.channelId = channelId;
    remembered.set('discord-member', memberId);
    remembered.set('discord-channel', channelId);
    ui.commandSlot.replaceChildren();
    return holdingEvents('Could not load the channel', () =>
      Promise.all([loadMessages(), loadRoleChanges()]),
    );
  }

  async function refreshWorld() {
    const world = await api.state();
    state.world = world;
    state.bot = world.bots.find((bot) =>
      world.guilds.some((g) => g.members.some((m) => m.user.id === bot.userId)),
    );
    state.bot ??= world.bots[0] ?? null;
    state.guild =
      world.guilds.find((g) => state.bot && g.members.some((m) => m.user.id === state.bot.userId)) ??
      world.guilds[0] ??
      null;
    const people = players();
    const keptMember = state.memberId ?? remembered.get('discord-member');
    const firstPlayer = people.find((m) => m.user.id !== state.guild?.ownerId) ?? people[0];
    state.memberId = people.some((m) => m.user.id === keptMember)
      ? keptMember
      : (firstPlayer?.user.id ?? null);
    const keptChannel = state.channelId ?? remembered.get('discord-channel');
    const texts = textChannels();
    state.channelId =
      keptChannel === DM || texts.some((c) => c.id === keptChannel) ? keptChannel : (texts[0]?.id ?? null);
  }

  async function loadMessages() {
    state.messages.clear();
    state.dmChannelId = null;
    if (!state.memberId || !state.channelId) return;
    if (state.channelId === DM) {
      state.unreadDms = 0;
      if (!state.bot) return;
      const [dm] = await api.directMessages({ userId: state.memberId, botUserId: state.bot.userId });
      if (!dm) return;
      state.dmChannelId = dm.channelId;
      state.dmOwners.set(dm.channelId, state.memberId);
      for (const message of dm.messages) if (message) state.messages.set(message.id, message);
    } else {
      for (const message of await api.channelMessages(state.channelId))
        state.messages.set(message.id, message);
    }
  }

  async function loadCommands() {
    if (!state.bot || !state.guild) {
      state.commands = [];
      return;
    }
    const all = await api.commands(state.bot.applicationId);
    const usable = all.filter((c) => (c.type ?? 1) === 1 && (!c.guild_id || c.guild_id === state.guild.id));
    // A guild command hides a global one of the same name, as in Discord's client.
    const byName = new Map();
    for (const command of usable)
      if (!byName.has(command.name) || command.guild_id) byName.set(command.name, command);
    state.commands = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async function loadRoleChanges() {
    if (!state.guild || !state.memberId) return;
    state.roleChanges = (await api.roleChanges({ guildId: state.guild.id, userId: state.memberId })).slice(
      -8,
    );
  }

  function apply(event) {
    switch (event.kind) {
      case 'reset':
        void reload();
        return;
      case 'message.created':
      case 'message.updated':
        onMessage(event.message, event.kind === 'message.created');
        return;
      case 'message.deleted':
        if (state.messages.delete(event.messageId)) renderMessages();
        return;
      case 'member.updated':
        if (event.guildId === state.guild?.id) updateMember(event.member);
        return;
      case 'member.role':
        onRoleChange(event.change);
        return;
      case 'voice.updated':
        if (event.guildId === state.guild?.id) updateVoice(event.state);
        return;
      case 'interaction.responded':
        settle(event.interactionId);
        return;
      case 'commands.registered':
      case 'commands.deleted':
        void loadCommands().then(renderCommandMenu, () => {});
        return;
      case 'interaction.created':
        return;
      default:
        // Membership, roles, channels and gateway sessions: the world changed shape.
        void refreshShape();
    }
  }

  async function refreshShape() {
    const selection = () => [state.guild?.id, state.memberId, state.channelId].join('|');
    const before = selection();
    try {
      await refreshWorld();
    } catch (error) {
      fail('Could not refresh the world')(error);
      return;
    }
    // A guild built after the page loaded (the emulator restarted): load what is now selected.
    if (selection() !== before) await reload();
    else renderAll();
  }

  function onMessage(message, created) {
    const interactionId = message.interaction_metadata?.id;
    if (interactionId) settle(interactionId);
    const shown = state.channelId === DM ? state.dmChannelId : state.channelId;
    if (message.channel_id === shown) {
      state.messages.set(message.id, message);
      renderMessages();
      return;
    }
    const guildChannel = state.guild?.channels.some((c) => c.id === message.channel_id);
    if (guildChannel || !created || message.author.id !== state.bot?.userId) return;
    // A DM from the bot: to the member being played? Its channel may be new.
    void whoseDm(message.channel_id).then((userId) => {
      if (userId !== state.memberId) return;
      if (state.channelId === DM) {
        state.dmChannelId = message.channel_id;
        state.messages.set(message.id, message);
        renderMessages();
      } else {
        state.unreadDms++;
        renderChannels();
        toast(ui.toasts, `New direct message from ${state.bot.user.username}`);
      }
    });
  }

  async function whoseDm(channelId) {
    if (!state.dmOwners.has(channelId) && state.bot) {
      const dms = await api.directMessages({ botUserId: state.bot.userId }).catch(() => []);
      for (const dm of dms) state.dmOwners.set(dm.channelId, dm.userId);
    }
    return state.dmOwners.get(channelId);
  }

  function updateMember(member) {
    if (!state.guild) return;
    const index = state.guild.members.findIndex((m) => m.user.id === member.user.id);
    if (index >= 0) state.guild.members[index] = member;
    else state.guild.members.push(member);
    renderMembers();
    renderRoles();
  }

  function onRoleChange(change) {
    if (change.guildId !== state.guild?.id || change.userId !== state.memberId) return;
    state.roleChanges = [...state.roleChanges, change].slice(-8);
    renderRoles();
    const verb = change.action === 'add' ? 'now has' : 'lost';
    toast(ui.toasts, `${displayName(change.userId)} ${verb} the ${roleName(change.roleId)} role`, {
      tone: 'success',
    });
  }

  function updateVoice(voiceState) {
    if (!state.guild) return;
    const others = (state.guild.voiceStates ?? []).filter((s) => s.user_id !== voiceState.user_id);
    state.guild.voiceStates = voiceState.channel_id ? [...others, voiceState] : others;
    renderVoice();
  }

  async function sendTyped() {
    const content = ui.input.value.trim();
    if (!content || !state.memberId) return;
    const command = content.startsWith('/') ? state.commands.find((c) => content === `/${c.name}`) : null;
    if (command) {
      openCommand(command);
      return;
    }
    ui.input.value = '';
    renderCommandMenu();
    try {
      if (state.channelId === DM) {
        const sent = await api.sendDirectMessage({
          userId: state.memberId,
          botUserId: state.bot?.userId,
          content,
        });
        state.dmChannelId = sent.channelId;
        state.dmOwners.set(sent.channelId, state.memberId);
        state.messages.set(sent.message.id, sent.message);
      } else {
        const message = await api.sendMessage(state.channelId, { authorId: state.memberId, content });
        state.messages.set(message.id, message);
      }
      renderMessages();
    } catch (error) {
      fail('Not sent')(error);
    }
  }

  function openCommand(command) {
    ui.input.value = '';
    ui.commandMenu.hidden = true;
    const hasOptions = (command.options ?? []).length > 0;
    if (!hasOptions) {
      void runCommand(command, {});
      return;
    }
    ui.commandSlot.replaceChildren(
      commandForm({
        command,
        guild: {
          members: players().map((m) => ({ id: m.user.id, name: memberName(m) })),
          roles: (state.guild?.roles ?? []).filter((r) => r.id !== state.guild.id),
          channels: state.guild?.channels ?? [],
        },
        onRun: (input) => {
          ui.commandSlot.replaceChildren();
          void runCommand(command, input);
        },
        onCancel: () => ui.commandSlot.replaceChildren(),
      }),
    );
  }

  async function runCommand(command, { subcommandGroup, subcommand, options }) {
    try {
      const interaction = await api.runCommand({
        channelId: state.channelId,
        userId: state.memberId,
        applicationId: command.application_id,
        name: command.name,
        subcommandGroup,
        subcommand,
        options,
      });
      expectResponse(
        interaction,
        `/${[command.name, subcommandGroup, subcommand].filter(Boolean).join(' ')}`,
      );
    } catch (error) {
      fail(`/${command.name} refused`)(error);
    }
  }

  async function press(message, customId, values) {
    const key = `${message.id}:${customId}`;
    state.busyComponents.add(key);
    renderMessages();
    try {
      const interaction = await api.pressComponent({
        messageId: message.id,
        userId: state.memberId,
        customId,
        values,
      });
      expectResponse(interaction, 'the button', key);
    } catch (error) {
      state.busyComponents.delete(key);
      renderMessages();
      fail('Button press refused')(error);
    }
  }

  /** Notes in the chat when the bot leaves an interaction unanswered, as Discord's client does. */
  function expectResponse(interaction, what, componentKey) {
    if (interaction.response) return settleComponent(componentKey);
    const timer = setTimeout(() => {
      state.pending.delete(interaction.id);
      settleComponent(componentKey);
      state.notices.push({
        channelId: state.channelId,
        at: Date.now(),
        text: `${state.bot?.user.username ?? 'The bot'} did not respond to ${what} ("The application did not respond")`,
      });
      renderMessages();
    }, RESPONSE_TIMEOUT_MS);
    state.pending.set(interaction.id, { timer, componentKey });
  }

  function settle(interactionId) {
    const pending = state.pending.get(interactionId);
    if (!pending) return;
    clearTimeout(pending.timer);
    state.pending.delete(interactionId);
    settleComponent(pending.componentKey);
  }

  function settleComponent(key) {
    if (key && state.busyComponents.delete(key)) renderMessages();
  }

  async function voice(change) {
    if (!state.guild || !state.memberId) return;
    try {
      if (change === 'leave') await api.leaveVoice(state.guild.id, state.memberId);
      else await api.setVoiceState(state.guild.id, state.memberId, change);
    } catch (error) {
      fail('Voice')(error);
    }
  }

  // Names and lookups

  function players() {
    return (state.guild?.members ?? []).filter((m) => !m.user.bot);
  }
  function textChannels() {
    return (state.guild?.channels ?? []).filter((c) => c.type === 0).sort((a, b) => a.position - b.position);
  }
  function voiceChannels() {
    return (state.guild?.channels ?? []).filter((c) => c.type === 2).sort((a, b) => a.position - b.position);
  }
  function memberName(member) {
    return member.nick ?? member.user.global_name ?? member.user.username;
  }
  function displayName(userId) {
    const member = state.guild?.members.find((m) => m.user.id === userId);
    if (member) return memberName(member);
    const user = state.world?.users.find((u) => u.id === userId);
    return user ? (user.global_name ?? user.username) : 'someone';
  }
  function roleName(roleId) {
    return state.guild?.roles.find((r) => r.id === roleId)?.name ?? 'unknown';
  }
  const names = {
    user: (id) => displayName(id),
    role: (id) => state.guild?.roles.find((r) => r.id === id)?.name,
    channel: (id) => state.guild?.channels.find((c) => c.id === id)?.name,
  };

  // Rendering

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
        h('option', { value: m.user.id, selected: m.user.id === state.memberId }, memberName(m)),
      ),
    );
    const ready = Boolean(state.memberId && state.channelId);
    ui.input.disabled = !ready;
    ui.sendButton.disabled = !ready;
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
              h('span', { class: 'menu-hint' }, c.description),
            ),
          )),
    );
  }
}
