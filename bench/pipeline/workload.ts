import type { EconomyChangeInput } from '../../src/ledger/event-schemas.ts';

/** A seeded PRNG (mulberry32): the same seed gives the same workload on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Workload {
  /** What is submitted, in order: every unique change once, duplicates interleaved. */
  submissions: EconomyChangeInput[];
  uniqueKeys: string[];
  /** Keys submitted three times. */
  duplicateKeys: string[];
  /** Extra submissions (beyond the first) of duplicated keys. */
  duplicateSubmissions: number;
  /** Per player, the XP and coins the submitted changes add when each key counts once. */
  expected: Map<string, { xp: number; coins: number }>;
}

/**
 * The event mix of a chatty community: mostly XP for messages (15-25), some daily rewards and game
 * wins with coins. Keys follow the engine's `<source>-<action>-<entity>-<player>` convention.
 */
export function changeFor(
  rnd: () => number,
  tag: string,
  index: number,
  playerId: string,
): EconomyChangeInput {
  const roll = rnd();
  const source = rnd() < 0.6 ? 'telegram' : 'discord';
  const prefix = source === 'telegram' ? 'tg' : 'dc';
  if (roll < 0.85) {
    return {
      key: `${prefix}-msg-${tag}${index}-${playerId}`,
      playerId,
      type: 'xp_change',
      source,
      xpDelta: 15 + Math.floor(rnd() * 11),
      reason: 'message',
    };
  }
  if (roll < 0.95) {
    return {
      key: `${prefix}-daily-${tag}${index}-${playerId}`,
      playerId,
      type: 'reward_grant',
      source,
      xpDelta: 100,
      coinDelta: 50,
      reason: 'daily',
    };
  }
  return {
    key: `${prefix}-game-${tag}${index}-${playerId}`,
    playerId,
    type: 'reward_grant',
    source,
    xpDelta: 50,
    coinDelta: 10 + Math.floor(rnd() * 41),
    reason: 'game_win',
    metadata: { game: 'guess-the-number', round: index },
  };
}

export function buildWorkload(options: {
  events: number;
  players: readonly string[];
  duplicateShare: number;
  seed: number;
  tag: string;
}): Workload {
  const rnd = random(options.seed);
  const unique: EconomyChangeInput[] = [];
  const expected = new Map<string, { xp: number; coins: number }>();
  for (let i = 0; i < options.events; i++) {
    const playerId = options.players[Math.floor(rnd() * options.players.length)]!;
    const change = changeFor(rnd, options.tag, i, playerId);
    unique.push(change);
    const sum = expected.get(playerId) ?? { xp: 0, coins: 0 };
    sum.xp += change.xpDelta ?? 0;
    sum.coins += change.coinDelta ?? 0;
    expected.set(playerId, sum);
  }
  // Each duplicated change is submitted again twice: once soon after (often while the first is still
  // in flight, racing it) and once much later (long after it was processed).
  const ordered: Array<{ at: number; change: EconomyChangeInput }> = unique.map((change, i) => ({
    at: i,
    change,
  }));
  const duplicateKeys: string[] = [];
  for (let i = 0; i < unique.length; i++) {
    if (rnd() >= options.duplicateShare) continue;
    const change = unique[i]!;
    duplicateKeys.push(change.key);
    ordered.push({ at: i + 0.5 + Math.floor(rnd() * 64), change: { ...change } });
    ordered.push({ at: i + 0.5 + 64 + Math.floor(rnd() * 4000), change: { ...change } });
  }
  ordered.sort((a, b) => a.at - b.at);
  return {
    submissions: ordered.map((o) => o.change),
    uniqueKeys: unique.map((c) => c.key),
    duplicateKeys,
    duplicateSubmissions: duplicateKeys.length * 2,
    expected,
  };
}
