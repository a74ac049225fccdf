import { nameAsIs, progressBar, type ShowName } from '../core/text-format.ts';
import type { PlayerProfile } from '../players/load-profile.ts';
import type { Translate } from '../texts/texts.ts';
import { listOf } from './reply-format.ts';

/** Achievements named in the profile; older ones are summed up as "and N more". */
const achievementsShown = 5;

/** `/profile`: who the player is, where they stand and what to do next, in a few short lines. */
export function profileReply(t: Translate, profile: PlayerProfile, showName: ShowName = nameAsIs): string {
  const lines = [t('reply.profile.name', { player: showName(profile.displayName) }), rankLine(t, profile)];
  if (profile.nextRank && profile.xpToNextRank !== null) {
    lines.push(
      t('reply.profile.next', { rank: profile.nextRank.name, xp: profile.xpToNextRank }),
      t('reply.profile.progress', {
        bar: progressBar(profile.progressPercent),
        percent: profile.progressPercent,
      }),
    );
  } else {
    lines.push(t('reply.profile.topRank'));
  }
  lines.push(
    profile.heldCoins > 0
      ? t('reply.profile.coinsHeld', { coins: profile.balance, held: profile.heldCoins })
      : t('reply.profile.coins', { coins: profile.balance }),
  );
  lines.push(
    profile.dailyStreak > 0
      ? t('reply.profile.streak', { days: profile.dailyStreak })
      : t('reply.profile.noStreak'),
  );
  lines.push(
    achievementsLine(
      t,
      profile.achievements.map((a) => a.name),
    ),
  );
  for (const boost of profile.activeBoosts ?? []) {
    lines.push(
      t('reply.profile.boost', {
        name: showName(boost.name),
        factor: boost.factor,
        ends: `${boost.endsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      }),
    );
  }
  lines.push(linkedLine(t, profile.identities, showName));
  return lines.join('\n');
}

/** `Rank: Raider · 12,600 XP`; also the last line of Discord's /sync. */
export function rankLine(t: Translate, profile: Pick<PlayerProfile, 'rank' | 'xp'>): string {
  return profile.rank
    ? t('reply.profile.rank', { rank: profile.rank.name, xp: profile.xp })
    : t('reply.profile.unranked', { xp: profile.xp });
}

function achievementsLine(t: Translate, names: string[]): string {
  if (names.length === 0) return t('reply.profile.noAchievements');
  // The latest ones are the news; the list is oldest first.
  const latest = names.slice(-achievementsShown).reverse();
  const more = names.length - latest.length;
  return more > 0
    ? t('reply.profile.achievementsMore', { achievements: latest.join(', '), more })
    : t('reply.profile.achievements', { achievements: listOf(t, latest) });
}

function linkedLine(t: Translate, identities: PlayerProfile['identities'], showName: ShowName): string {
  // Platform and user names are the same in every language: only the sentence around them is translated.
  const telegram =
    identities.telegram &&
    `Telegram${identities.telegram.username ? ` @${showName(identities.telegram.username)}` : ''}`;
  const discord =
    identities.discord &&
    `Discord${identities.discord.username ? ` ${showName(identities.discord.username)}` : ''}`;
  if (telegram && discord) return t('reply.profile.linked', { telegram, discord });
  return t('reply.profile.notLinked', { platform: telegram ? 'Discord' : 'Telegram' });
}
