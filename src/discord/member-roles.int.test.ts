import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';
import { waitFor } from '../../test/support/wait-for.ts';

let harness: DiscordBotHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/**
 * A community whose three lowest ranks carry the emulator's Bronze/Silver/Gold roles, sync workers
 * writing roles through Tandem's DiscordPort, and alice, a linked player, at Silver (500 XP).
 */
async function aliceAtSilver(roleDriftPolicy: 'restore' | 'report') {
  const h = await startDiscordBotHarness({ discordPort: true, bot: { roleDriftPolicy } });
  harness = h;
  const { world, tandem } = h;
  const ranks = await tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 3 });
  const roles = [world.roles.bronze, world.roles.silver, world.roles.gold];
  for (const [i, rank] of ranks.entries()) {
    await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: roles[i] } });
  }
  tandem.catalog.invalidate();
  tandem.startWorkers();
  const playerId = await tandem.createPlayer('alice');
  await tandem.db.prisma.identity.create({
    data: { playerId, platform: 'discord', platformUserId: world.users.alice, username: 'alice' },
  });
  await tandem.engine.record({
    key: `dc-msg-1-${playerId}`,
    playerId,
    type: 'xp_change',
    source: 'discord',
    xpDelta: 600,
    reason: 'message',
  });
  await waitFor(async () => (await rolesOfAlice()).includes(world.roles.silver), 'Silver given to alice');
  await tandem.settle();
  return { playerId };
}

async function rolesOfAlice(): Promise<string[]> {
  if (!harness) return [];
  const guild = await harness.control.guild(harness.world.guildId);
  return guild.members.find((member) => member.user.id === harness?.world.users.alice)?.roles ?? [];
}

async function syncEventCount(): Promise<number> {
  const { rows } = await harness!.tandem.db.pool.query(`SELECT count(*)::int AS n FROM sync_events`);
  return rows[0].n;
}

/** The bot's verdicts on alice's role changes logged after `mark` (a length of `harness.logs`). */
function observationsSince(mark: number): string[] {
  return harness!.logs
    .slice(mark)
    .filter(
      (line) => line.msg === 'member roles observed' && line.discordUserId === harness!.world.users.alice,
    )
    .map((line) => String(line.outcome));
}

/** Lets the gateway echoes of writes already made reach the bot, then marks the log. */
async function quietMark(): Promise<number> {
  await harness!.tandem.settle();
  await new Promise((r) => setTimeout(r, 300));
  return harness!.logs.length;
}

describe('rank roles changed by hand', () => {
  it('a removed rank role is put back through the queue, and the echo of that write does nothing', async () => {
    await aliceAtSilver('restore');
    const h = harness!;
    const { world, control } = h;
    const mark = await quietMark();
    const eventsBefore = await syncEventCount();

    await control.changeRolesAsModerator(world.guildId, world.users.alice, { remove: [world.roles.silver] });
    await waitFor(async () => (await rolesOfAlice()).includes(world.roles.silver), 'Silver restored');
    await waitFor(async () => observationsSince(mark).length >= 2, 'the echo observed');
    await h.tandem.settle();
    // The removal is restored; the echo of the bot's own write arrives while its event is still
    // open (in-flight) or after (in-sync): either way it does nothing.
    const [removal, ...echoes] = observationsSince(mark);
    expect(removal).toBe('restored');
    for (const echo of echoes) expect(['in-flight', 'in-sync']).toContain(echo);
    expect(await syncEventCount()).toBe(eventsBefore + 1);
    const botWrites = await control.roleChanges({ userId: world.users.alice, actorKind: 'bot' });
    expect(botWrites.filter((c) => c.roleId === world.roles.silver && c.action === 'add')).toHaveLength(2);

    // Nothing further happens: no event, no write.
    await new Promise((r) => setTimeout(r, 500));
    expect(await syncEventCount()).toBe(eventsBefore + 1);
    expect(await control.roleChanges({ userId: world.users.alice, actorKind: 'bot' })).toHaveLength(
      botWrites.length,
    );
  });

  it('a wrong rank role added by hand is taken away again', async () => {
    await aliceAtSilver('restore');
    const { world, control } = harness!;
    await control.changeRolesAsModerator(world.guildId, world.users.alice, { add: [world.roles.gold] });
    await waitFor(async () => !(await rolesOfAlice()).includes(world.roles.gold), 'Gold taken away');
    expect(await rolesOfAlice()).toContain(world.roles.silver);
  });

  it('with the report policy the change stays and is recorded as drift', async () => {
    const { playerId } = await aliceAtSilver('report');
    const { world, control, tandem } = harness!;
    const mark = await quietMark();
    const eventsBefore = await syncEventCount();
    await control.changeRolesAsModerator(world.guildId, world.users.alice, { remove: [world.roles.silver] });
    await waitFor(async () => observationsSince(mark).length >= 1, 'removal observed');
    expect(observationsSince(mark)).toEqual(['reported']);
    expect(await syncEventCount()).toBe(eventsBefore);
    expect(await rolesOfAlice()).not.toContain(world.roles.silver);
    const { rows } = await tandem.db.pool.query(`SELECT last_error FROM sync_states WHERE player_id = $1`, [
      playerId,
    ]);
    expect(rows[0]?.last_error).toMatch(/rank role/i);
  });

  it('members Tandem does not know are left alone', async () => {
    await aliceAtSilver('restore');
    const { world, control } = harness!;
    await quietMark();
    const eventsBefore = await syncEventCount();
    await control.changeRolesAsModerator(world.guildId, world.users.bob, { add: [world.roles.gold] });
    await waitFor(
      async () =>
        harness!.logs.some(
          (line) => line.msg === 'member roles observed' && line.discordUserId === world.users.bob,
        ),
      'bob observed',
    );
    expect(harness!.logs.find((line) => line.discordUserId === world.users.bob)?.outcome).toBe('not-linked');
    expect(await syncEventCount()).toBe(eventsBefore);
  });
});
