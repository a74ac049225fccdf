import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { PlatformRateLimitedError } from './ports.ts';
import { queueNames } from './queues.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

/** A linked Discord member whose first message gives them the first rank (role 800). */
async function linkedPlayer(t: TestTandem) {
  const rank = await t.db.prisma.rank.findFirstOrThrow({ where: { minXp: 0 } });
  await t.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: '800' } });
  const playerId = await t.createPlayer();
  await t.db.prisma.identity.create({ data: { playerId, platform: 'discord', platformUserId: '5150' } });
  return playerId;
}

/** The member's first message: 20 XP, and with it the first rank, whose role is 800. */
async function firstMessage(t: TestTandem, playerId: string) {
  await t.engine.record({
    key: `dc-msg-1-${playerId}`,
    playerId,
    type: 'xp_change',
    source: 'discord',
    xpDelta: 20,
    reason: 'message',
  });
}

async function waitForStatus(t: TestTandem, status: 'completed' | 'failed', timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = await t.db.prisma.syncEvent.findFirst({ where: { type: 'rank_change', status } });
    if (event) return event;
    if (Date.now() > deadline) throw new Error(`rank_change never became ${status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a platform that fails', () => {
  it('is retried with growing delays and the event completes', async () => {
    const discord = new FakeDiscord();
    const times: number[] = [];
    const original = discord.setRankRole.bind(discord);
    discord.setRankRole = (input) => {
      times.push(Date.now());
      return original(input);
    };
    discord.failNext = 2;
    tandem = await openTestTandem({ ports: { discord, telegram: null }, attempts: 3, backoffMs: 200 });
    const playerId = await linkedPlayer(tandem);
    tandem.startWorkers();
    await firstMessage(tandem, playerId);

    const event = await waitForStatus(tandem, 'completed');
    expect(event.attempts).toBe(3);
    expect(event.errorMessage).toBeNull();
    expect(times).toHaveLength(3);
    const [first, second] = [times[1]! - times[0]!, times[2]! - times[1]!];
    // Exponential backoff with 30% jitter schedules the retries 140-200 ms, then 280-400 ms apart.
    // A busy machine only ever adds to a gap (the first was seen at 380 ms), so the gaps are held to
    // the schedule's lower bounds: the second retry waited at least twice the first one's minimum.
    expect(first).toBeGreaterThanOrEqual(140);
    expect(second).toBeGreaterThanOrEqual(280);
    expect(discord.rolesOf('5150')).toEqual(['800']);
  });

  it('marks the event failed with its error after the configured attempts', async () => {
    const discord = new FakeDiscord();
    discord.failNext = 1000;
    tandem = await openTestTandem({ ports: { discord, telegram: null }, attempts: 4, backoffMs: 20 });
    const playerId = await linkedPlayer(tandem);
    tandem.startWorkers();
    await firstMessage(tandem, playerId);

    const event = await waitForStatus(tandem, 'failed');
    expect(event).toMatchObject({ attempts: 4, errorMessage: 'Discord is down (fake 503)' });
    expect(discord.calls.filter((c) => c.startsWith('setRankRole'))).toHaveLength(4);
    const job = await tandem.queues.platform.getJob(event.idempotencyKey);
    expect(await job?.getState()).toBe('failed');
    expect(job?.queueName).toBe(queueNames.platform);
    // The economy event that caused it is unaffected: the player keeps the XP.
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player.xp).toBe(20);
  });

  it('waits out a 429 without spending an attempt, then completes', async () => {
    const discord = new FakeDiscord();
    discord.failNext = 2;
    discord.failWith = () => new PlatformRateLimitedError('discord', 150);
    // One attempt only: if a 429 spent it, the event would fail.
    tandem = await openTestTandem({ ports: { discord, telegram: null }, attempts: 1, backoffMs: 20 });
    const playerId = await linkedPlayer(tandem);
    tandem.startWorkers();
    await firstMessage(tandem, playerId);

    const event = await waitForStatus(tandem, 'completed');
    expect(discord.calls.filter((c) => c.startsWith('setRankRole'))).toHaveLength(3);
    expect(discord.rolesOf('5150')).toEqual(['800']);
    const job = await tandem.queues.platform.getJob(event.idempotencyKey);
    expect(await job?.getState()).toBe('completed');
  });

  it('fails at once, with what to fix, when Discord refuses the role', async () => {
    const discord = new FakeDiscord();
    discord.forbiddenRoles.add('800');
    tandem = await openTestTandem({ ports: { discord, telegram: null }, attempts: 5, backoffMs: 20 });
    const playerId = await linkedPlayer(tandem);
    tandem.startWorkers();
    await firstMessage(tandem, playerId);

    const event = await waitForStatus(tandem, 'failed');
    expect(event.attempts).toBe(1);
    expect(event.errorMessage).toMatch(
      /discord refused: Missing Permissions: role 800 is above the bot's role/,
    );
  });

  it('fails a job whose payload is malformed at once, without retries', async () => {
    tandem = await openTestTandem({ attempts: 5 });
    tandem.startWorkers();
    const job = await tandem.queues.economy.add('xp_change', { eventId: 'not-a-uuid' } as never, {
      jobId: 'bad-payload-1',
    });
    const deadline = Date.now() + 10_000;
    while ((await job.getState()) !== 'failed' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    const failed = await tandem.queues.economy.getJob('bad-payload-1');
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/malformed payload: eventId/);
  });
});
