/** The channel choice that stands for the DM with the bot (it is not a channel id). */
export const DM = 'dm';

/** Names and lookups in the guild the Discord pane shows, read from its `state` at each call. */
export function guildLookups(state) {
  /**
   * The people a person can play: the guild's members, then those who left or were banned (to
   * play them rejoining), as members without roles and with `away` saying which.
   */
  function players() {
    const members = (state.guild?.members ?? []).filter((m) => !m.user.bot);
    if (!state.guild) return members;
    const inGuild = new Set(members.map((m) => m.user.id));
    const away = (state.world?.users ?? [])
      .filter((user) => !user.bot && !inGuild.has(user.id) && user.id !== state.guild.ownerId)
      .map((user) => ({ user, roles: [], away: standing(user.id) }));
    return [...members, ...away];
  }
  /** Whether the user is in the guild (`member`), left it or was kicked (`left`), or is `banned`. */
  function standing(userId) {
    if ((state.guild?.bans ?? []).some((ban) => ban.userId === userId)) return 'banned';
    return state.guild?.members.some((m) => m.user.id === userId) ? 'member' : 'left';
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
  /** The language of the member's Discord app (`locale` on their interactions). */
  function localeOf(userId) {
    return state.world?.users.find((u) => u.id === userId)?.locale ?? 'en-US';
  }
  function roleName(roleId) {
    return state.guild?.roles.find((r) => r.id === roleId)?.name ?? 'unknown';
  }
  const names = {
    user: (id) => displayName(id),
    role: (id) => state.guild?.roles.find((r) => r.id === id)?.name,
    channel: (id) => state.guild?.channels.find((c) => c.id === id)?.name,
  };

  return {
    players,
    standing,
    textChannels,
    voiceChannels,
    memberName,
    displayName,
    localeOf,
    roleName,
    names,
  };
}
