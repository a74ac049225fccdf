import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { linkedPerson } from '../../test/support/person-accounts.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { createContentCache, type ScenarioView } from '../content/content-cache.ts';
import { claimScenarioReward } from '../content/scenario-rewards.ts';
import { createScenario } from '../content/scenarios.ts';
import { awardMessageXp } from '../earning/award-message-xp.ts';
import { claimDaily } from '../earning/claim-daily.ts';
import { creditVoiceMinute } from '../earning/credit-voice-minute.ts';
import { playGuess } from '../earning/play-guess.ts';
import { startGuessGame } from '../earning/start-guess-game.ts';
import type { Platform } from '../linking/identities.ts';
import { approveSubmission } from '../tasks/decide-submission.ts';
import { TaskAlreadyApprovedError } from '../tasks/errors.ts';
import { createTask } from '../tasks/manage-tasks.ts';
import { submitTask } from '../tasks/submit-task.ts';

/**
 * Every per-person limit holds whatever a person does with links: unlinking an identity into a
 * fresh account, linking it back (either account surviving), on either platform, in any order.
 */
let tandem: TestTandem;
const discord = new FakeDiscord();
const telegram = new FakeTelegram();

beforeAll(async () => {
  tandem = await openTestTandem({ ports: { discord, telegram } });
  await tandem.db.pool.query(`INSERT INTO settings (key, value) VALUES ('economy', $1)`, [
    JSON.stringify({ game: { dailyGameLimit: 2, maxAttempts: 1 } }),
  ]);
  tandem.settings.invalidate();
});
afterAll(async () => {
  await tandem?.stop();
});

const day1 = new Date('2026-11-22T10:00:00Z');
const day2 = new Date('2026-11-23T09:00:00Z');
const seconds = (s: number) => new Date(day1.getTime() + s * 1000);
/** Draws the secret 7 out of the default 1-10. */
const seven = () => 0.65;

describe('limits that belong to the person', () => {
  it('pays the daily reward once a day per person, however the identities are unlinked and linked', async () => {
    const person = await linkedPerson(tandem, 1);
    const daily = async (platform: Platform, now: Date) =>
      claimDaily(tandem, { playerId: await person.accountOf(platform), source: platform, now });

    expect(await daily('telegram', day1)).toMatchObject({ ok: true, streak: 1 });
    await person.unlink('discord');
    expect(await daily('discord', day1)).toMatchObject({ ok: false, reason: 'already_claimed' });
    await person.link('discord');
    expect(await daily('telegram', day1)).toMatchObject({ ok: false, reason: 'already_claimed' });
    await person.unlink('telegram');
    expect(await daily('telegram', day1)).toMatchObject({ ok: false, reason: 'already_claimed' });
    expect(await daily('discord', day1)).toMatchObject({ ok: false, reason: 'already_claimed' });

    // The next day, still apart: the person's streak goes on, on whichever account claims first.
    expect(await daily('telegram', day2)).toMatchObject({ ok: true, streak: 2, xp: 110 });
    expect(await daily('discord', day2)).toMatchObject({ ok: false, reason: 'already_claimed' });
    await person.link('telegram');
    expect(await daily('discord', day2)).toMatchObject({ ok: false, reason: 'already_claimed' });

    // Apart again, both accounts at once on the third day: one is paid.
    await person.unlink('discord');
    const day3 = new Date('2026-11-24T12:00:00Z');
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) => daily(i % 2 ? 'telegram' : 'discord', day3)),
    );
    expect(racing.filter((r) => r.ok)).toHaveLength(1);

    expect((await person.ledgerRows('daily')).map((r) => r.xp)).toEqual([100, 110, 120]);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('counts the games of the day across every account of the person', async () => {
    const person = await linkedPerson(tandem, 2);
    let ref = 0;
    const play = async (platform: Platform, now = day1) => {
      const playerId = await person.accountOf(platform);
      const started = await startGuessGame(tandem, { playerId, now, random: seven });
      if (started.kind === 'started') await playGuess(tandem, { playerId, text: '1', ref: `g${ref++}`, now });
      return started;
    };

    expect(await play('telegram')).toMatchObject({ kind: 'started', gamesLeft: 1 });
    await person.unlink('telegram');
    expect(await play('telegram')).toMatchObject({ kind: 'started', gamesLeft: 0 });
    expect(await play('telegram')).toEqual({ kind: 'limit_reached', limit: 2 });
    expect(await play('discord')).toEqual({ kind: 'limit_reached', limit: 2 });
    await person.link('telegram');
    expect(await play('discord')).toEqual({ kind: 'limit_reached', limit: 2 });
    await person.unlink('discord');
    expect(await play('discord')).toEqual({ kind: 'limit_reached', limit: 2 });
    expect(await play('telegram', day2)).toMatchObject({ kind: 'started', gamesLeft: 1 });
  });

  it('keeps the message XP cooldown of the person', async () => {
    const person = await linkedPerson(tandem, 3);
    const message = async (platform: Platform, id: string, now: Date) =>
      awardMessageXp(tandem, {
        playerId: await person.accountOf(platform),
        platform,
        messageId: id,
        channelId: 'general',
        length: 20,
        now,
        random: () => 0,
      });

    expect(await message('telegram', '1', seconds(0))).toMatchObject({ awarded: true });
    await person.unlink('discord');
    expect(await message('discord', '2', seconds(10))).toEqual({ awarded: false, reason: 'cooldown' });
    await person.link('discord');
    expect(await message('telegram', '3', seconds(30))).toEqual({ awarded: false, reason: 'cooldown' });
    expect(await message('discord', '4', seconds(61))).toMatchObject({ awarded: true });
    await person.unlink('telegram');
    expect(await message('telegram', '5', seconds(70))).toEqual({ awarded: false, reason: 'cooldown' });
    expect(await message('discord', '6', seconds(90))).toEqual({ awarded: false, reason: 'cooldown' });
    expect((await person.ledgerRows('message')).length).toBe(2);
  });

  it('credits a voice minute once per person', async () => {
    const person = await linkedPerson(tandem, 4);
    const voice = async (at: Date) =>
      creditVoiceMinute(tandem, { playerId: await person.accountOf('discord'), minute: at, roleIds: [] });

    expect(await voice(seconds(5))).toEqual({ credited: true, xp: 10 });
    await person.unlink('discord');
    expect(await voice(seconds(20))).toEqual({ credited: false, xp: 0 });
    await person.link('discord');
    expect(await voice(seconds(40))).toEqual({ credited: false, xp: 0 });
    await person.unlink('telegram');
    expect(await voice(seconds(50))).toEqual({ credited: false, xp: 0 });
    expect(await voice(seconds(60))).toEqual({ credited: true, xp: 10 });
    expect((await person.ledgerRows('voice_minute')).length).toBe(2);
  });

  it('pays a scenario reward once per person, whichever account opens it first', async () => {
    const person = await linkedPerson(tandem, 5);
    const ids: number[] = [];
    for (const slug of ['welcome', 'rules']) {
      ids.push((await createScenario(tandem, { slug, title: slug, text: 'Read me', rewardXp: 20 })).id);
    }
    const cache = createContentCache(tandem.db);
    const scenarios: ScenarioView[] = [];
    for (const id of ids) scenarios.push((await cache.scenario(id))!);
    const open = async (platform: Platform, scenario: ScenarioView) =>
      claimScenarioReward(tandem, { playerId: await person.accountOf(platform), scenario, source: platform });

    expect(await open('telegram', scenarios[0]!)).toMatchObject({ granted: true });
    await person.unlink('telegram');
    expect(await open('telegram', scenarios[0]!)).toMatchObject({ granted: false });
    // Opened first while apart: still once for the person.
    expect(await open('discord', scenarios[1]!)).toMatchObject({ granted: true });
    expect(await open('telegram', scenarios[1]!)).toMatchObject({ granted: false });
    await person.link('telegram');
    for (const scenario of scenarios)
      expect(await open('discord', scenario)).toMatchObject({ granted: false });

    expect((await person.ledgerRows('scenario')).length).toBe(2);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('pays a task reward once per person, even for proofs sent from two accounts', async () => {
    const person = await linkedPerson(tandem, 6);
    const task = await createTask(tandem, { title: 'Invite a friend', rewardXp: 50, rewardCoins: 10 });
    const submit = async (platform: Platform) =>
      submitTask(tandem, {
        playerId: await person.accountOf(platform),
        taskId: task.id,
        proof: 'done',
        platform,
      });

    await person.unlink('discord');
    const fromTelegram = await submit('telegram');
    const fromDiscord = await submit('discord');
    const first = await approveSubmission(tandem, {
      submissionId: fromTelegram.submission.id,
      decidedBy: 'ann',
    });
    expect(first.paid).toEqual({ xp: 50, coins: 10 });
    const second = await approveSubmission(tandem, {
      submissionId: fromDiscord.submission.id,
      decidedBy: 'ann',
    });
    expect(second).toMatchObject({ decidedNow: true, paid: { xp: 0, coins: 0 }, totals: null });

    await person.link('discord');
    await person.unlink('telegram');
    await expect(submit('telegram')).rejects.toBeInstanceOf(TaskAlreadyApprovedError);
    expect((await person.ledgerRows('task')).map((r) => [r.xp, r.coins])).toEqual([[50, 10]]);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('pays and announces an achievement once per person; a detached account shows it unpaid', async () => {
    tandem.startWorkers();
    const person = await linkedPerson(tandem, 7);
    const firstWin = await tandem.db.prisma.achievement.findUniqueOrThrow({ where: { slug: 'first-win' } });
    const win = async (ref: string) => {
      const playerId = await person.accountOf('telegram');
      await startGuessGame(tandem, { playerId, now: day1, random: seven });
      expect(await playGuess(tandem, { playerId, text: '7', ref, now: day1 })).toMatchObject({ kind: 'won' });
      await tandem.settle();
    };

    await win('w1');
    await person.unlink('telegram');
    await win('w2');
    const detached = await person.accountOf('telegram');
    const shown = await tandem.db.prisma.playerAchievement.findMany({ where: { playerId: detached } });
    expect(shown.map((a) => a.achievementId)).toContain(firstWin.id);
    await person.link('discord');
    await tandem.settle();

    const rewards = (await person.ledgerRows('achievement')).filter((r) =>
      r.key.startsWith(`sys-achievement_reward-${firstWin.id}-`),
    );
    expect(rewards).toHaveLength(1);
    const announced = telegram.messages.filter(
      (m) => m.userId === person.ids.telegram && m.text.includes(firstWin.name),
    );
    expect(announced).toHaveLength(1);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('announces no rank-up and keeps the rank role when accounts are linked again', async () => {
    const ranks = await tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 3 });
    for (const [i, rank] of ranks.entries()) {
      await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: `90${i}` } });
    }
    tandem.catalog.invalidate();
    const person = await linkedPerson(tandem, 8);
    const account = await person.accountOf('telegram');
    await tandem.engine.record({
      key: `admin-prize-1-${account}`,
      playerId: account,
      type: 'xp_change',
      source: 'admin',
      xpDelta: ranks[2]!.minXp + 100,
      reason: 'grant',
    });
    await tandem.settle();
    expect(discord.rolesOf(person.ids.discord)).toEqual(['902']);
    const roleWritesAfterLinks: string[] = [];
    const noticesBefore = { telegram: telegram.messages.length, discord: discord.messages.length };

    for (const [unlinkOn, survivorOn] of [
      ['telegram', 'telegram'],
      ['discord', 'discord'],
      ['telegram', 'discord'],
    ] as const) {
      await person.unlink(unlinkOn);
      // The detached account earns on its own (a day of its own), then comes back.
      const detached = await person.accountOf(unlinkOn);
      await tandem.engine.record({
        key: `admin-side_${unlinkOn}_${survivorOn}-1-${detached}`,
        playerId: detached,
        type: 'xp_change',
        source: 'admin',
        xpDelta: 10,
        reason: 'grant',
      });
      await tandem.settle();
      const callsBefore = discord.calls.length;
      await person.link(survivorOn);
      await tandem.settle();
      expect(discord.rolesOf(person.ids.discord)).toEqual(['902']);
      roleWritesAfterLinks.push(
        ...discord.calls.slice(callsBefore).filter((c) => c.startsWith('setRankRole')),
      );
    }

    const rankUps = [
      ...telegram.messages.slice(noticesBefore.telegram),
      ...discord.messages.slice(noticesBefore.discord),
    ].filter((m) => m.text.includes('Rank up'));
    expect(rankUps).toEqual([]);
    // Linking sets the rank the joined account holds, once, never the detached account's rank first;
    // in the last round the member never left the ranked account, so its role is not touched.
    expect(roleWritesAfterLinks).toEqual(Array(2).fill(`setRankRole ${person.ids.discord} 902`));
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });
});
