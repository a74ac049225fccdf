import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { ledgerMatchesTotals } from '../support/ledger.ts';
import { waitFor } from '../support/wait-for.ts';

describe('rank roles follow the economy (real bots, workers and ports against the emulators)', () => {
  let world: BotWorld;
  let account: string;
  let grants = 0;
  const grantXp = (xp: number) =>
    world.tandem.engine.record({
      key: `admin-grant-${++grants}-${account}`,
      playerId: account,
      type: 'xp_change',
      source: 'admin',
      xpDelta: xp,
      reason: 'grant',
    });
  const rankRoleOf = async (roleIds: string[]) => {
    const { bronze, silver, gold } = world.demo.discord.roles;
    return roleIds.filter((id) => [bronze, silver, gold].includes(id));
  };

  beforeAll(async () => {
    world = await openBotWorld();
    const ben = world.telegramUser(1);
    const bob = world.discordMember('bob');
    const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(await bob.command('link'))![1]!;
    const preview = await ben.redeem(code);
    expect(await preview.confirm()).toMatch(/linked/i);
    account = await ben.playerId();
    await grantXp(450);
    await waitFor(
      async () => (await bob.roleIds()).includes(world.demo.discord.roles.bronze),
      'Newcomer role (Bronze) on bob',
    );
    await world.settle();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('sets the Discord rank role when a rank is reached on Telegram, replacing the old one', async () => {
    const ben = world.telegramUser(1);
    const bob = world.discordMember('bob');
    expect(await ben.command('daily')).toMatch(/\+100 XP/);
    await waitFor(
      async () => (await rankRoleOf(await bob.roleIds())).join() === world.demo.discord.roles.silver,
      'exactly the Rookie role (Silver) on bob',
    );
    await waitFor(async () => ben.botTexts().some((t) => /Rank up!.*Rookie/.test(t)), 'rank-up notice');
  });

  it('puts back a rank role a moderator removed, and ignores the echo of its own write', async () => {
    const bob = world.discordMember('bob');
    const { silver } = world.demo.discord.roles;
    await world.tandem.settle();
    const eventsBefore = await world.tandem.db.prisma.syncEvent.count();
    const { control } = world.discord;
    await control.changeRolesAsModerator(world.demo.discord.guildId, bob.id, {
      remove: [silver],
      moderatorId: world.demo.discord.users.carol,
      reason: 'testing',
    });
    await waitFor(async () => (await bob.roleIds()).includes(silver), 'Silver restored on bob');
    await world.tandem.settle();
    // The echo of the restore arrives as a member update too; give it time to (not) cause anything.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await world.tandem.settle();
    expect(await world.tandem.db.prisma.syncEvent.count()).toBe(eventsBefore + 1);
    const restores = (await control.roleChanges({ userId: bob.id, actorKind: 'bot' })).filter(
      (change) => change.roleId === silver && change.action === 'add',
    );
    expect(restores).toHaveLength(2);
  });

  it('delays role edits through a Discord 429 storm but loses none', async () => {
    const bob = world.discordMember('bob');
    const { gold } = world.demo.discord.roles;
    const { control } = world.discord;
    await control.rateLimitStorm({ durationMs: 2_000, scope: 'global' });
    const startedAt = Date.now();
    await grantXp(700); // 1,150 -> Scout (1,200) needs 50 more
    await grantXp(60);
    await waitFor(
      async () => (await rankRoleOf(await bob.roleIds())).join() === gold,
      'Scout role (Gold)',
      30_000,
    );
    expect(Date.now() - startedAt).toBeGreaterThan(1_000);
    await world.tandem.settle();
    const goldAdds = (await control.roleChanges({ userId: bob.id, actorKind: 'bot' })).filter(
      (change) => change.roleId === gold && change.action === 'add',
    );
    expect(goldAdds).toHaveLength(1);
    const failed = await world.tandem.db.prisma.syncEvent.count({ where: { status: 'failed' } });
    expect(failed).toBe(0);
  });

  // A replayed gateway message is covered in src/discord/message-xp.int.test.ts (resume with replay).
  it('credits nothing twice for a Telegram update delivered twice', async () => {
    const ana = world.telegramUser(0);
    const { control } = world.telegram;
    control.duplicateNextUpdates({ count: 1 });
    const sent = control.sendCommand({ from: ana.id, command: 'daily' });
    const updateId = sent.updates[0]!.update.update_id;
    await waitFor(async () => {
      const deliveries = control
        .log({ types: ['updates.delivered'], since: sent.seq - 1 })
        .filter((event) => event.type === 'updates.delivered' && event.updateIds.includes(updateId));
      return deliveries.length >= 2;
    }, 'the update delivered twice');
    const anaAccount = await ana.playerId();
    await world.tandem.settle();
    expect(ana.botTexts().filter((text) => /Daily bonus/.test(text))).toHaveLength(1);
    expect(await world.tandem.db.prisma.ledgerEntry.count({ where: { playerId: anaAccount } })).toBe(1);
    await world.tandem.settle();
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });
});
