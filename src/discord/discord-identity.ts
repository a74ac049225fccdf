import type { GuildMember, User } from 'discord.js';
import { type ResolvedPlayer, resolvePlayer } from '../linking/identities.ts';
import type { Language } from '../texts/languages.ts';
import { languageOfTag } from '../texts/languages.ts';
import { shippedTranslator, type Translate } from '../texts/texts.ts';
import type { DiscordDeps } from './discord-deps.ts';

/**
 * The player behind a Discord user, created on first contact. The username is kept on the identity
 * (and names a new player), so profiles and the admin pages show who it is.
 */
export function playerForUser(
  deps: Pick<DiscordDeps, 'db'>,
  user: Pick<User, 'id'> & { username?: string },
  clientLanguage?: string,
): Promise<ResolvedPlayer> {
  return resolvePlayer(deps.db, {
    platform: 'discord',
    platformUserId: user.id,
    username: user.username,
    clientLanguage,
  });
}

/** The player behind an interaction and the language they read, with its texts. */
export interface DiscordReader {
  playerId: string;
  language: Language;
  t: Translate;
}

/**
 * Who pressed or typed: the player (created on first contact), in their /language choice, else
 * their Discord client's locale (every interaction carries it), else the community's language.
 */
export async function readerOf(
  deps: Pick<DiscordDeps, 'db' | 'texts'>,
  interaction: { user: Pick<User, 'id' | 'username'>; locale: string },
): Promise<DiscordReader> {
  const { playerId, language: reported } = await playerForUser(deps, interaction.user, interaction.locale);
  const language = await deps.texts.languageFor(reported);
  return { playerId, language, t: await deps.texts.translator(language) };
}

/** The texts for an interaction whose reader could not be resolved (the database is away). */
export function shippedTextsFor(interaction: { locale: string }): Translate {
  return shippedTranslator(languageOfTag(interaction.locale) ?? 'en');
}

/**
 * A member's role ids without @everyone: every member holds it (its id is the guild's), so it can
 * neither earn a multiplier nor drift, and leaving it out keeps role lists what admins see.
 */
export function memberRoleIds(member: Pick<GuildMember, 'roles' | 'guild'>): string[] {
  return member.roles.cache.filter((role) => role.id !== member.guild.id).map((role) => role.id);
}
