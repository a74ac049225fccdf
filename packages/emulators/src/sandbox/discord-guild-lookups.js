/** The channel choice that stands for the DM with the bot (it is not a channel id). */
export const DM = 'dm';

/** Names and lookups in the guild the Discord pane shows, read from its `state` at each call. */
export function guildLookups(state) {
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

  return { players, textChannels, voiceChannels, memberName, displayName, localeOf, roleName, names };
}
