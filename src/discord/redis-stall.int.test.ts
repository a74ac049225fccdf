// A Redis that keeps its connections open but stops answering (a stalled server, a network
// partition): here a private redis-server stopped with SIGSTOP while members claim their daily.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';
import { type PrivateRedis, startPrivateRedis } from '../local-servers/private-redis.ts';
import { createLogger } from '../logging/logger.ts';

let harness: DiscordBotHarness;
let redis: PrivateRedis;
let dataDir: string;
let redisPid: number;
let stalled = false;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tandem-discord-redis-stall-'));
  redis = await startPrivateRedis({ dataDir, logger: createLogger('silent') });
  redisPid = Number((await readFile(join(dataDir, 'redis.pid'), 'utf8')).trim());
  harness = await startDiscordBotHarness({ redisUrl: redis.url });
});

afterAll(async () => {
  if (stalled) process.kill(redisPid, 'SIGCONT');
  await harness?.stop();
  await redis?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Redis stalls while members claim their daily on Discord', () => {
  it('answers every credited member with what was credited', async () => {
    const members: string[] = [];
    for (let n = 0; n < 10; n++) {
      const user = await harness.control.createUser({ username: `stalled${n}` });
      await harness.control.addMember(harness.world.guildId, { userId: user.id });
      members.push(user.id);
    }
    process.kill(redisPid, 'SIGSTOP');
    stalled = true;
    const created = await Promise.all(
      members.map((userId) =>
        harness.control.runCommand({ channelId: harness.world.channels.general, userId, name: 'daily' }),
      ),
    );

    for (const [index, userId] of members.entries()) {
      const done = await harness.control.interaction(created[index]!.id, {
        until: 'completed',
        timeoutMs: 15_000,
      });
      const playerId = await harness.playerOf(userId);
      const { rows } = await harness.tandem.db.pool.query<{ xp: number; balance: number; dailies: number }>(
        `SELECT xp, balance,
                (SELECT count(*)::int FROM ledger_entries WHERE player_id = $1 AND reason = 'daily') AS dailies
           FROM players WHERE id = $1`,
        [playerId],
      );
      const { xp, balance, dailies } = rows[0]!;
      expect(dailies).toBe(1);
      expect(done.original?.content).toContain(`You now have ${xp} XP and ${balance} coins.`);
      expect(done.followups).toEqual([]);
    }
    process.kill(redisPid, 'SIGCONT');
    stalled = false;
  });
});
