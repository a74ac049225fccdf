import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { PersonAccounts } from '../../test/support/person-accounts.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { createContentCache, type ScenarioView } from '../content/content-cache.ts';
import { claimScenarioReward } from '../content/scenario-rewards.ts';
import { createScenario } from '../content/scenarios.ts';
import { awardMessageXp } from '../earning/award-message-xp.ts';
import { claimDaily } from '../earning/claim-daily.ts';
import { creditVoiceMinute } from '../earning/credit-voice-minute.ts';
import { playGuess } from '../earning/play-guess.ts';
import { startGuessGame } from '../earning/start-guess-game.ts';
import { minuteBucket } from '../economy/earning-rules.ts';
import type { Platform } from '../linking/identities.ts';
import { approveSubmission } from '../tasks/decide-submission.ts';
import { isTaskError } from '../tasks/errors.ts';
import { createTask } from '../tasks/manage-tasks.ts';
import { submitTask } from '../tasks/submit-task.ts';

/**
 * Many generated sequences of links, unlinks and earnings by two people, each with a Telegram and a
 * Discord identity, over a few UTC days: no per-person limit is ever exceeded, and the ledger still
 * equals the totals. Seeded, so a failure is reproduced by running the file again.
 */
const gameLimit = 2;
const platform = fc.constantFrom<Platform>('telegram', 'discord');
const action = fc.record({
  who: fc.integer({ min: 0, max: 1 }),
  /** Seconds since the previous action: a burst, past the message cooldown, hours, most of a day. */
  after: fc.constantFrom(0, 10, 61, 3_600, 13 * 3_600),
  act: fc.oneof(
    fc.record({ kind: fc.constant('link' as const), platform }),
    fc.record({ kind: fc.constant('unlink' as const), platform }),
    fc.record({ kind: fc.constant('daily' as const), platform }),
    fc.record({ kind: fc.constant('game' as const), platform }),
    fc.record({ kind: fc.constant('message' as const), platform }),
    fc.record({ kind: fc.constant('voice' as const), platform: fc.constant<Platform>('discord') }),
    fc.record({ kind: fc.constant('scenario' as const), platform, item: fc.integer({ min: 0, max: 1 }) }),
    fc.record({ kind: fc.constant('submit' as const), platform, item: fc.integer({ min: 0, max: 1 }) }),
    fc.record({ kind: fc.constant('approve' as const), platform, item: fc.integer({ min: 0, max: 1 }) }),
  ),
});
type Step = typeof action extends fc.Arbitrary<infer A> ? A : never;

let tandem: TestTandem;
let scenarios: ScenarioView[];
let taskIds: number[];
let nextId = 1;

beforeAll(async () => {
  tandem = await openTestTandem();
  await tandem.db.pool.query(`INSERT INTO settings (key, value) VALUES ('economy', $1)`, [
    JSON.stringify({ game: { dailyGameLimit: gameLimit, maxAttempts: 1 } }),
  ]);
  tandem.settings.invalidate();
  const ids = [];
  for (const slug of ['intro', 'faq'])
    ids.push(
      (await createScenario(tandem, { slug, title: slug, text: 'Read', rewardXp: 20, rewardCoins: 5 })).id,
    );
  const cache = createContentCache(tandem.db);
  scenarios = [];
  for (const id of ids) scenarios.push((await cache.scenario(id))!);
  taskIds = [];
  for (const title of ['Share', 'Invite'])
    taskIds.push((await createTask(tandem, { title, rewardXp: 40, rewardCoins: 15 })).id);
});
afterAll(async () => {
  await tandem?.stop();
});

/** What was credited by the calls themselves, per person: the ledger's rows are checked too. */
interface Observed {
  messages: number[];
  voiceMinutes: string[];
}

async function run(steps: Step[]): Promise<{ people: PersonAccounts[]; observed: Observed[] }> {
  const people = [0, 1].map(
    () => new PersonAccounts(tandem, { telegram: `${nextId}`, discord: `${800_000 + nextId++}` }),
  );
  // Each starts as one person: before their first link two identities are two people.
  for (const person of people) await person.link('telegram');
  const observed: Observed[] = people.map(() => ({ messages: [], voiceMinutes: [] }));
  let now = new Date('2026-11-22T00:00:00Z').getTime();
  for (const [i, { who, after, act }] of steps.entries()) {
    now += after * 1000;
    const at = new Date(now);
    const person = people[who]!;
    const playerId = await person.accountOf(act.platform);
    switch (act.kind) {
      case 'link':
        await person.link(act.platform);
        break;
      case 'unlink':
        await person.unlink(act.platform);
        break;
      case 'daily':
        await claimDaily(tandem, { playerId, source: act.platform, now: at });
        break;
      case 'game': {
        const started = await startGuessGame(tandem, { playerId, now: at, random: () => 0.65 });
        if (started.kind === 'started')
          await playGuess(tandem, { playerId, text: '7', ref: `s${i}`, now: at });
        break;
      }
      case 'message': {
        const outcome = await awardMessageXp(tandem, {
          playerId,
          platform: act.platform,
          messageId: `${i}`,
          channelId: `c${nextId}`,
          length: 20,
          now: at,
        });
        if (outcome.awarded) observed[who]!.messages.push(now);
        break;
      }
      case 'voice': {
        const outcome = await creditVoiceMinute(tandem, { playerId, minute: at, roleIds: [] });
        if (outcome.credited) observed[who]!.voiceMinutes.push(minuteBucket(at));
        break;
      }
      case 'scenario':
        await claimScenarioReward(tandem, { playerId, scenario: scenarios[act.item]!, source: act.platform });
        break;
      case 'submit':
        await submitTask(tandem, {
          playerId,
          taskId: taskIds[act.item]!,
          proof: 'done',
          platform: act.platform,
        }).catch((error) => {
          if (!isTaskError(error)) throw error;
        });
        break;
      case 'approve': {
        const pending = await tandem.db.prisma.taskSubmission.findFirst({
          where: { playerId, taskId: taskIds[act.item]!, status: 'pending' },
        });
        if (pending) await approveSubmission(tandem, { submissionId: pending.id, decidedBy: 'admin' });
        break;
      }
    }
  }
  return { people, observed };
}

async function ledgerOf(person: PersonAccounts) {
  const { rows } = await tandem.db.pool.query<{ reason: string; metadata: Record<string, unknown> }>(
    'SELECT reason, metadata FROM ledger_entries WHERE player_id = ANY($1::uuid[])',
    [await person.everyAccount()],
  );
  return rows;
}

function countBy<T>(items: readonly T[], key: (item: T) => unknown): number[] {
  const counts = new Map<unknown, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.values()];
}

async function expectLimitsHeld(person: PersonAccounts, observed: Observed): Promise<void> {
  const ledger = await ledgerOf(person);
  const paid = (reason: string) => ledger.filter((e) => e.reason === reason);
  expect(Math.max(0, ...countBy(paid('daily'), (e) => e.metadata.day))).toBeLessThanOrEqual(1);
  expect(Math.max(0, ...countBy(paid('scenario'), (e) => e.metadata.scenarioId))).toBeLessThanOrEqual(1);
  expect(Math.max(0, ...countBy(paid('task'), (e) => e.metadata.taskId))).toBeLessThanOrEqual(1);

  const games = await tandem.db.prisma.gameSession.findMany({
    where: { playerId: { in: await person.everyAccount() } },
  });
  expect(Math.max(0, ...countBy(games, (g) => g.day))).toBeLessThanOrEqual(gameLimit);

  expect(paid('message')).toHaveLength(observed.messages.length);
  for (let i = 1; i < observed.messages.length; i++)
    expect(observed.messages[i]! - observed.messages[i - 1]!).toBeGreaterThanOrEqual(60_000);
  expect(paid('voice_minute')).toHaveLength(observed.voiceMinutes.length);
  expect(new Set(observed.voiceMinutes).size).toBe(observed.voiceMinutes.length);
}

describe('per-person limits under generated sequences of links, unlinks and earnings', () => {
  it('never pays past a limit, and the ledger equals the totals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 20 }), async (steps) => {
        const { people, observed } = await run(steps);
        for (const [i, person] of people.entries()) await expectLimitsHeld(person, observed[i]!);
        expect(await ledgerMatchesTotals(tandem)).toBe(true);
      }),
      { numRuns: 24, seed: 20261206 },
    );
  });
});
