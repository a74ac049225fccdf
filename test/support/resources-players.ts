import type { ResourcesTestApp } from './resources-test-app.ts';

/** Makes players for the players resource tests, in the app the test opened last. */
export function playerMaker(current: () => ResourcesTestApp) {
  /** A player with identities, given XP and coins through the engine (as the bots would). */
  async function player(
    displayName: string,
    options: { xp?: number; coins?: number; telegram?: string; discord?: string } = {},
  ): Promise<string> {
    const { tandem } = current();
    const id = await tandem.createPlayer(displayName);
    if (options.telegram)
      await tandem.db.prisma.identity.create({
        data: {
          playerId: id,
          platform: 'telegram',
          platformUserId: options.telegram,
          username: options.telegram,
        },
      });
    if (options.discord)
      await tandem.db.prisma.identity.create({
        data: {
          playerId: id,
          platform: 'discord',
          platformUserId: options.discord,
          username: `${displayName}#d`,
        },
      });
    if (options.xp || options.coins)
      await tandem.engine.record({
        key: `sys-test-${displayName}-${id}`,
        playerId: id,
        type: 'reward_grant',
        source: 'system',
        xpDelta: options.xp ?? 0,
        coinDelta: options.coins ?? 0,
        reason: 'task',
      });
    return id;
  }

  return player;
}
