import { afterEach, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { createContentCache } from './content-cache.ts';
import { claimScenarioReward } from './scenario-rewards.ts';
import { createScenario, updateScenario } from './scenarios.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

async function scenarioLedger(playerId: string) {
  return tandem.db.prisma.ledgerEntry.findMany({ where: { playerId, reason: 'scenario' } });
}

describe('scenario rewards', () => {
  it('pay each player once, whatever the platform and however many opens at once', async () => {
    tandem = await openTestTandem();
    const scenario = await createScenario(tandem, {
      slug: 'ranks',
      title: 'Ranks',
      text: 'Read me',
      rewardXp: 25,
      rewardCoins: 5,
    });
    const view = (await createContentCache(tandem.db).scenario(scenario.id))!;
    const ann = await tandem.createPlayer('Ann');
    const bob = await tandem.createPlayer('Bob');

    const opens = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        claimScenarioReward(tandem, {
          playerId: ann,
          scenario: view,
          source: i % 2 === 0 ? 'telegram' : 'discord',
        }),
      ),
    );
    expect(opens.filter((o) => o.granted)).toEqual([{ granted: true, xp: 25, coins: 5 }]);
    expect(opens.filter((o) => !o.granted)).toHaveLength(19);
    for (const o of opens.filter((o) => !o.granted)) expect(o).toEqual({ granted: false, xp: 0, coins: 0 });

    // Later, from the other platform: still nothing more.
    for (const source of ['discord', 'telegram'] as const)
      expect(await claimScenarioReward(tandem, { playerId: ann, scenario: view, source })).toMatchObject({
        granted: false,
      });
    const rows = await scenarioLedger(ann);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotencyKey: `sys-scenario-${scenario.id}-${ann}`,
      type: 'reward_grant',
      xpDelta: 25,
      coinDelta: 5,
      metadata: { scenarioId: scenario.id, slug: 'ranks' },
    });
    expect(await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: ann } })).toMatchObject({
      xp: 25,
      balance: 5,
    });

    // Another player gets their own reward; a reward raised afterwards pays nobody twice.
    expect(await claimScenarioReward(tandem, { playerId: bob, scenario: view, source: 'discord' })).toEqual({
      granted: true,
      xp: 25,
      coins: 5,
    });
    const raised = await updateScenario(tandem, { id: scenario.id, rewardXp: 100 });
    expect(
      await claimScenarioReward(tandem, {
        playerId: ann,
        scenario: { ...view, rewardXp: raised.rewardXp },
        source: 'telegram',
      }),
    ).toEqual({ granted: false, xp: 0, coins: 0 });
    expect(await scenarioLedger(ann)).toHaveLength(1);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('grant nothing for a scenario without a reward', async () => {
    tandem = await openTestTandem();
    const scenario = await createScenario(tandem, { slug: 'plain', title: 'Plain', text: 'Hi' });
    const playerId = await tandem.createPlayer();
    expect(await claimScenarioReward(tandem, { playerId, scenario, source: 'telegram' })).toEqual({
      granted: false,
      xp: 0,
      coins: 0,
    });
    expect(await tandem.db.prisma.ledgerEntry.count()).toBe(0);
  });
});
