import { DM, guildLookups } from './discord-guild-lookups.js';
import { createDiscordInteractions } from './discord-interactions.js';
import { createDiscordLoads } from './discord-loads.js';
import { createDiscordRender } from './discord-pane-render.js';
import { buildDiscordLayout } from './discord-view.js';
import { remembered, toast } from './dom.js';
import { openLiveStream, showStreamStatus } from './live-stream.js';

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
    /** A leave, ban, unban or rejoin on its way: its buttons wait. */
    membershipBusy: false,
  };

  const ui = buildDiscordLayout(root);
  const fail = (what) => (error) => toast(ui.toasts, `${what}: ${error.message}`, { tone: 'error' });
  const lookups = guildLookups(state);
  const { displayName, roleName } = lookups;
  const { refreshWorld, loadMessages, loadCommands, loadRoleChanges } = createDiscordLoads(
    state,
    api,
    lookups,
  );
  const {
    renderAll,
    renderHeader,
    renderMembers,
    renderChannels,
    renderVoice,
    renderRoles,
    renderMessages,
    renderCommandMenu,
  } = createDiscordRender(state, ui, lookups, {
    choose,
    voice,
    // Made below: the interactions redraw the messages through this render.
    press: (message, customId, values) => interactions.press(message, customId, values),
    openCommand: (command) => interactions.openCommand(command),
    membership: (change) => void changeMembership(change),
  });
  const interactions = createDiscordInteractions({ state, ui, api, lookups, fail, renderMessages });
  const { openCommand, settle } = interactions;
  ui.memberSelect.addEventListener('change', () => void choose({ memberId: ui.memberSelect.value }));
  ui.newMemberButton.addEventListener('click', () => toggleNewMemberForm(true));
  ui.newMemberCancel.addEventListener('click', () => toggleNewMemberForm(false));
  ui.newMemberForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void createMember();
  });
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
  /** A new person joins the guild, speaking the chosen language in their app; the pane plays them. */
  async function createMember() {
    const username = ui.newMemberName.value.trim().toLowerCase();
    if (!username || !state.guild) return;
    try {
      const user = await api.createUser({ username, locale: ui.newMemberLocale.value });
      await api.addMember(state.guild.id, user.id);
      ui.newMemberForm.reset();
      toggleNewMemberForm(false);
      await refreshWorld();
      await choose({ memberId: user.id });
    } catch (error) {
      fail('Could not create the member')(error);
    }
  }

  /**
   * The played member leaves, is banned, is unbanned or rejoins, through the emulator's control
   * API: the bot gets what Discord sends (a ban: GUILD_BAN_ADD and GUILD_MEMBER_REMOVE), so the
   * community's leave and ban policy for its leaderboards can be tried.
   */
  async function changeMembership(change) {
    const guildId = state.guild?.id;
    const userId = state.memberId;
    if (!guildId || !userId || state.membershipBusy) return;
    const name = displayName(userId);
    const steps = {
      leave: [() => api.removeMember(guildId, userId), `${name} left the server`],
      ban: [() => api.banUser(guildId, userId, { reason: 'banned in the sandbox' }), `${name} was banned`],
      unban: [() => api.unbanUser(guildId, userId), `${name} is no longer banned and may rejoin`],
      rejoin: [() => api.addMember(guildId, userId), `${name} joined the server again`],
    };
    const [run, done] = steps[change];
    state.membershipBusy = true;
    renderMembers();
    try {
      await run();
      await refreshWorld();
      toast(ui.toasts, done, { tone: 'success' });
    } catch (error) {
      fail('Membership not changed')(error);
    } finally {
      state.membershipBusy = false;
      renderAll();
    }
  }

  function toggleNewMemberForm(open) {
    ui.newMemberForm.hidden = !open;
    if (open) ui.newMemberName.focus();
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
        settle(event.interactionId, { type: event.type, data: event.data });
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

  async function voice(change) {
    if (!state.guild || !state.memberId) return;
    try {
      if (change === 'leave') await api.leaveVoice(state.guild.id, state.memberId);
      else await api.setVoiceState(state.guild.id, state.memberId, change);
    } catch (error) {
      fail('Voice')(error);
    }
  }
}
