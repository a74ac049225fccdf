import { memberPayload } from '../../payloads/guild.ts';
import { hasIntent } from '../intents.ts';
import { isRecord, type OpcodeHandler } from './handler-context.ts';

const CHUNK_SIZE = 1000;
/** Discord's cap when searching by name or asking for user ids. */
const SEARCH_LIMIT = 100;

/**
 * Op 8 REQUEST_GUILD_MEMBERS -> GUILD_MEMBERS_CHUNK events (1,000 members each). Asking for the
 * whole list without the GuildMembers intent gets no answer at all, as on Discord.
 */
export const handleRequestGuildMembers: OpcodeHandler = (gateway, connection, data) => {
  const session = connection.session;
  if (!session || !isRecord(data)) return;
  const { world } = gateway.emulator;
  const guildIds = Array.isArray(data.guild_id) ? data.guild_id : [data.guild_id];
  const nonce = typeof data.nonce === 'string' ? data.nonce : undefined;
  for (const guildId of guildIds) {
    const guild = typeof guildId === 'string' ? world.guilds.get(guildId) : undefined;
    if (!guild?.members.has(session.botUserId) || !session.covers(guild.id)) continue;

    let members = world.membersInOrder(guild);
    const notFound: string[] = [];
    if (Array.isArray(data.user_ids) || typeof data.user_ids === 'string') {
      const ids = (Array.isArray(data.user_ids) ? data.user_ids : [data.user_ids])
        .slice(0, SEARCH_LIMIT)
        .map(String);
      members = members.filter((member) => ids.includes(member.userId));
      notFound.push(...ids.filter((id) => !guild.members.has(id)));
    } else {
      const query = typeof data.query === 'string' ? data.query.toLowerCase() : '';
      const limit = typeof data.limit === 'number' ? data.limit : 0;
      if (query === '' && !hasIntent(session.intents, 'GuildMembers')) continue;
      if (query !== '') {
        members = members.filter((member) => {
          const user = world.users.get(member.userId);
          return [user?.username, user?.globalName, member.nick].some((name) =>
            name?.toLowerCase().startsWith(query),
          );
        });
      }
      const cap = query === '' ? limit : Math.min(limit || SEARCH_LIMIT, SEARCH_LIMIT);
      if (cap > 0) members = members.slice(0, cap);
    }

    const chunkCount = Math.max(1, Math.ceil(members.length / CHUNK_SIZE));
    for (let index = 0; index < chunkCount; index++) {
      const chunk = members.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE);
      session.dispatch('GUILD_MEMBERS_CHUNK', {
        guild_id: guild.id,
        members: chunk.flatMap((member) => {
          const user = world.users.get(member.userId);
          return user ? [memberPayload(member, user)] : [];
        }),
        chunk_index: index,
        chunk_count: chunkCount,
        ...(index === 0 && notFound.length > 0 ? { not_found: notFound } : {}),
        ...(nonce !== undefined ? { nonce } : {}),
      });
    }
  }
};
