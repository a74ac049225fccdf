import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';

// A name that Discord would render as a masked link in bold, and one that would mention someone.
const phishing = '[Free Nitro](https://evil.example) **STAFF**';
const mention = '<@123456789012345678> _everyone_';

let harness: DiscordBotHarness;
beforeAll(async () => {
  harness = await startDiscordBotHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function playerWithXp(displayName: string, xp: number): Promise<string> {
  const playerId = await harness.tandem.createPlayer(displayName);
  await harness.tandem.engine.record({
    key: `sys-test-${xp}-${playerId}`,
    playerId,
    type: 'xp_change',
    source: 'system',
    xpDelta: xp,
    reason: 'grant',
  });
  return playerId;
}

describe('player names on Discord', () => {
  it('show as written in the public /top: markdown escaped, nobody mentioned', async () => {
    await playerWithXp(phishing, 900);
    await playerWithXp(mention, 800);
    const done = await harness.runCommand(harness.world.users.bob, 'top');
    expect(done.ephemeral).toBe(false);
    const lines = done.original?.content?.split('\n') ?? [];
    expect(lines[1]).toBe('🥇 \\[Free Nitro](https://evil.example) \\*\\*STAFF\\*\\*: 900 XP · Rookie');
    expect(lines[2]).toBe('🥈 \\<@123456789012345678> \\_everyone\\_: 800 XP · Rookie');
    expect(done.response?.data).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('show as written in /profile', async () => {
    await harness.runCommand(harness.world.users.alice, 'profile');
    const playerId = (await harness.playerOf(harness.world.users.alice))!;
    await harness.tandem.db.prisma.player.update({
      where: { id: playerId },
      data: { displayName: phishing },
    });
    const done = await harness.runCommand(harness.world.users.alice, 'profile');
    expect(done.original?.content?.split('\n')[0]).toBe(
      '👤 \\[Free Nitro](https://evil.example) \\*\\*STAFF\\*\\*',
    );
  });
});
