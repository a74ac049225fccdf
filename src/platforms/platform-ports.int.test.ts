import { buildScenario, DiscordControlClient, DiscordEmulator } from '@tandem/emulators/discord';
import { TelegramEmulator } from '@tandem/emulators/telegram';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { createPlatformPorts, type OpenPlatformPorts } from './platform-ports.ts';

let tandem: TestTandem | undefined;
let ports: OpenPlatformPorts | undefined;
let discordEmulator: DiscordEmulator | undefined;
let telegramEmulator: TelegramEmulator | undefined;

afterEach(async () => {
  await tandem?.stop();
  await ports?.close();
  await discordEmulator?.stop();
  await telegramEmulator?.stop();
  tandem = ports = discordEmulator = telegramEmulator = undefined;
});

describe('the sync workers through the real platform ports', () => {
  it('apply a rank-up delayed by a Discord 429 storm exactly once, and tell the player on both platforms', async () => {
    discordEmulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
    const discordUrls = await discordEmulator.start();
    const discord = new DiscordControlClient(discordUrls.controlUrl);
    const world = await buildScenario(discord);
    telegramEmulator = new TelegramEmulator();
    await telegramEmulator.start();
    const telegram = telegramEmulator.control;
    ports = createPlatformPorts({
      telegram: { token: telegramEmulator.defaultBot.token, apiRoot: telegramEmulator.url },
      discord: { token: world.bot.token, apiRoot: discordUrls.apiUrl, guildId: world.guildId },
    });
    // One attempt: a 429 that spent it would fail the event.
    tandem = await openTestTandem({ ports, attempts: 1, backoffMs: 20 });
    const t = tandem;

    // Newcomer (0 XP) is Bronze, Rookie (500 XP) is Silver.
    for (const [minXp, roleId] of [
      [0, world.roles.bronze],
      [500, world.roles.silver],
    ] as const) {
      await t.db.prisma.rank.updateMany({ where: { minXp }, data: { discordRoleId: roleId } });
    }
    const ana = telegram.createUser({ firstName: 'Ana' });
    telegram.sendCommand({ from: ana.id, command: 'start' });
    const alice = world.users.alice;
    const playerId = await t.createPlayer('Ana');
    await t.db.prisma.identity.createMany({
      data: [
        { playerId, platform: 'discord', platformUserId: alice },
        { playerId, platform: 'telegram', platformUserId: String(ana.id) },
      ],
    });
    t.startWorkers();

    await t.engine.record({
      key: `dc-msg-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'discord',
      xpDelta: 20,
      reason: 'message',
    });
    await t.settle();
    await waitFor(async () => (await rolesOf()).includes(world.roles.bronze), 'the Bronze role');

    // Member edits are refused for 2 s: the read before the edit goes through, the edit gets 429s.
    await discord.rateLimitStorm({
      durationMs: 2000,
      scope: 'route',
      route: 'PATCH /guilds/:guildId/members/:userId',
    });
    const stormStarted = Date.now();
    await t.engine.record({
      key: `sys-grant-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'system',
      xpDelta: 500,
      reason: 'event_bonus',
    });
    await waitFor(async () => (await rolesOf()).includes(world.roles.silver), 'the Silver role', 20_000);
    expect(Date.now() - stormStarted).toBeGreaterThanOrEqual(1500);
    await t.settle();

    expect(await rolesOf()).toEqual([world.roles.silver]);
    const changes = await discord.roleChanges({ userId: alice, actorKind: 'bot' });
    expect(changes.map((c) => [c.action, c.roleId])).toEqual([
      ['add', world.roles.bronze],
      ['add', world.roles.silver],
      ['remove', world.roles.bronze],
    ]);
    const history = await discord.history();
    const calls = history.filter((e) => e.kind === 'rest.request').map((e) => (e.data ?? e) as RestCall);
    const edits = calls.filter((c) => c.method === 'PATCH' && c.path.endsWith(`/members/${alice}`));
    expect(edits.filter((c) => c.status === 429).length).toBeGreaterThan(0);
    expect(edits.filter((c) => c.status === 200)).toHaveLength(1);
    const events = await t.db.prisma.syncEvent.findMany({ where: { type: 'rank_change' } });
    expect(events.map((e) => e.status)).toEqual(['completed', 'completed']);

    const rankUp = '🎉 Rank up! You are now Rookie (520 XP).';
    await waitFor(async () => (await discordNotices()).includes(rankUp), 'the Discord DM', 20_000);
    await waitFor(
      async () => telegram.messages(ana.id).some((m) => m.text === rankUp),
      'the Telegram notice',
      20_000,
    );
    expect((await discordNotices()).filter((text) => text === rankUp)).toHaveLength(1);

    async function rolesOf(): Promise<string[]> {
      const guild = await discord.guild(world.guildId);
      return [...(guild.members.find((m) => m.user.id === alice)?.roles ?? [])].sort();
    }

    async function discordNotices(): Promise<string[]> {
      const dms = await discord.directMessages({ userId: alice });
      return dms.flatMap((dm) => dm.messages.map((m) => m.content));
    }
  });
});

interface RestCall {
  method: string;
  path: string;
  status: number;
}
