import { countOf, formatNumber, listOf, nameAsIs, progressBar, type ShowName } from '../core/text-format.ts';
import type { PlayerProfile } from '../players/load-profile.ts';

/** Achievements named in the profile; older ones are summed up as "and N more". */
const achievementsShown = 5;

/** `/profile`: who the player is, where they stand and what to do next, in a few short lines. */
export function profileReply(profile: PlayerProfile, showName: ShowName = nameAsIs): string {
  const lines = [
    `👤 ${showName(profile.displayName)}`,
    `Rank: ${profile.rank?.name ?? 'Unranked'} · ${formatNumber(profile.xp)} XP`,
  ];
  if (profile.nextRank && profile.xpToNextRank !== null) {
    lines.push(
      `Next: ${profile.nextRank.name} in ${formatNumber(profile.xpToNextRank)} XP`,
      `${progressBar(profile.progressPercent)} ${profile.progressPercent}%`,
    );
  } else {
    lines.push('Top rank reached 👑');
  }
  const held = profile.heldCoins > 0 ? ` (${formatNumber(profile.heldCoins)} more held for a payout)` : '';
  lines.push(`Coins: ${formatNumber(profile.balance)}${held}`);
  lines.push(
    profile.dailyStreak > 0
      ? `Daily streak: ${countOf(profile.dailyStreak, 'day')} 🔥`
      : 'Daily streak: none yet, claim your /daily bonus',
  );
  lines.push(`Achievements: ${achievementsLine(profile.achievements.map((a) => a.name))}`);
  lines.push(linkedLine(profile.identities, showName));
  return lines.join('\n');
}

function achievementsLine(names: string[]): string {
  if (names.length === 0) return 'none yet';
  // The latest ones are the news; the list is oldest first.
  const latest = names.slice(-achievementsShown).reverse();
  const more = names.length - latest.length;
  return more > 0 ? `${latest.join(', ')} and ${more} more` : listOf(latest);
}

function linkedLine(identities: PlayerProfile['identities'], showName: ShowName): string {
  const telegram =
    identities.telegram &&
    `Telegram${identities.telegram.username ? ` @${showName(identities.telegram.username)}` : ''}`;
  const discord =
    identities.discord &&
    `Discord${identities.discord.username ? ` ${showName(identities.discord.username)}` : ''}`;
  if (telegram && discord) return `Linked: ${telegram} and ${discord}`;
  const missing = telegram ? 'Discord' : 'Telegram';
  return `Not linked with ${missing} yet: send /link to share your progress across both.`;
}
