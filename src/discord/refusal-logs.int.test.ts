import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';
import { somethingWentWrong } from '../replies/errors.ts';

// pino's levels: 30 info, 40 warn, 50 error.
const info = 30;
const error = 50;

let harness: DiscordBotHarness;
beforeAll(async () => {
  harness = await startDiscordBotHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** The bot's log lines about one user's slash commands. */
function commandLines(userId: string) {
  return harness.logs.filter((line) => line.userId === userId && typeof line.command === 'string');
}

describe('a refused slash command', () => {
  it('is logged at info with the answer the player got, without a stack', async () => {
    const { alice } = harness.world.users;
    // Alice's account has a Telegram identity already: /link is refused with AlreadyLinkedError.
    await harness.runCommand(alice, 'profile');
    const playerId = (await harness.playerOf(alice))!;
    await harness.tandem.db.prisma.identity.create({
      data: { playerId, platform: 'telegram', platformUserId: '424242' },
    });
    const linked = await harness.runCommand(alice, 'link');
    expect(linked.original?.content).toContain('already linked to a Telegram account');
    const wrong = await harness.runCommand(alice, 'link', { code: 'WXYZ23' });
    expect(wrong.original?.content).toContain('That code has expired or is not valid');

    const lines = commandLines(alice);
    expect(lines.map((line) => line.msg)).toEqual(['slash command refused', 'slash command refused']);
    for (const line of lines) {
      expect(line.level).toBeLessThanOrEqual(info);
      expect(line).not.toHaveProperty('err');
      expect(JSON.stringify(line)).not.toMatch(/\bat .*\.ts:\d+/);
    }
    expect(lines[0]!.reason).toContain('already linked');
  });

  it('failing on our side is still an error with its stack', async () => {
    const { bob } = harness.world.users;
    const { catalog } = harness.deps;
    const get = catalog.get;
    catalog.get = () => Promise.reject(new Error('database unreachable (test)'));
    try {
      const failed = await harness.runCommand(bob, 'top');
      expect(failed.original?.content).toBe(somethingWentWrong);
    } finally {
      catalog.get = get;
    }
    const [line] = commandLines(bob);
    expect(line).toMatchObject({ level: error, msg: 'slash command failed', command: 'top' });
    expect((line!.err as { stack: string }).stack).toContain('database unreachable (test)');
  });
});
