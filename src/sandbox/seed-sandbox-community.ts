import type { DemoWorld } from '@tandem/emulators/sandbox';
import type { Services } from '../runtime/services.ts';
import { economySettingsKey } from '../settings/economy-settings.ts';

/** The demo guild's rank roles, lowest first, and the ranks they stand for. */
const rankRoles = [
  ['Newcomer', 'bronze'],
  ['Rookie', 'silver'],
  ['Scout', 'gold'],
] as const;

/** Players already on the leaderboard, so `/top` shows a community rather than an empty list. */
const demoPlayers = [
  { displayName: 'Mira', xp: 3_400, coins: 620 },
  { displayName: 'Jonas', xp: 1_450, coins: 240 },
  { displayName: 'Priya', xp: 820, coins: 130 },
];

/**
 * Points the economy at the sandbox's demo guild and fills an empty community: rank roles mapped to
 * the guild's roles, the AFK channel and a short message cooldown (so a person sees XP move within
 * seconds), and a few players with earnings recorded through the engine like any other.
 * Runs on every sandbox start: the role ids are the emulator's (stable between runs), and what an
 * admin has changed since (settings, players) is kept.
 */
export async function seedSandboxCommunity(services: Services, demo: DemoWorld): Promise<void> {
  const { prisma } = services.db;
  for (const [rankName, role] of rankRoles) {
    await prisma.rank.updateMany({
      where: { name: rankName, discordRoleId: null },
      data: { discordRoleId: demo.discord.roles[role] },
    });
  }
  services.catalog.invalidate();

  await prisma.setting.createMany({
    data: [
      {
        key: economySettingsKey,
        value: { voice: { afkChannelId: demo.discord.channels.afk }, message: { cooldownSeconds: 10 } },
      },
    ],
    skipDuplicates: true,
  });
  services.settings.invalidate();

  if ((await prisma.player.count()) > 0) return;
  for (const [index, player] of demoPlayers.entries()) {
    const { id } = await prisma.player.create({ data: { displayName: player.displayName } });
    await services.engine.record({
      key: `sys-sandbox-${index}-${id}`,
      playerId: id,
      type: 'reward_grant',
      source: 'system',
      xpDelta: player.xp,
      coinDelta: player.coins,
      reason: 'sandbox_seed',
      metadata: { note: 'demo community' },
    });
  }
}
