import type { EmulatorEvent } from '@tandem/emulators/telegram';
import { buildIdempotencyKey } from '../../src/ledger/idempotency-key.ts';
import type { SandboxWorld } from './rank-latency-world.ts';

// One sample of the rank-up phase (rank-latency.ts): a new player linked on both platforms and
// brought to the edge of a rank, then the `/daily` that crosses it, timed.

/** Daily XP (100) on top of this crosses Rookie (500 XP) from Newcomer. */
const grantXp = 450;
const roleTimeoutMs = 30_000;
const replyTimeoutMs = 10_000;

export interface Sample {
  role: number;
  reply: number;
  recorded: number;
  rankDerived: number;
  observationLag: number;
}

/** The code in a `/link` answer: six characters of the unambiguous alphabet. */
function linkCodeIn(reply: string): string {
  const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(reply)?.[1];
  if (!code) throw new Error(`no link code in: ${reply}`);
  return code;
}

/** The first bot message in `chatId` after `since` that `accept`s; its emulator timestamp and text. */
async function botAnswer(
  world: SandboxWorld,
  chatId: number,
  since: number,
  accept: (text: string) => boolean,
): Promise<{ at: number; text: string }> {
  const deadline = Date.now() + replyTimeoutMs;
  let cursor = since;
  for (;;) {
    const event: EmulatorEvent = await world.telegram.control.waitFor({
      types: ['bot.message', 'bot.edit'],
      chatId,
      since: cursor,
      timeoutMs: Math.max(1, Math.round(deadline - Date.now())),
    });
    const text = event.type === 'bot.message' || event.type === 'bot.edit' ? (event.message.text ?? '') : '';
    if (accept(text)) return { at: event.at, text };
    cursor = event.seq;
  }
}

/** One new player on both platforms, linked, at 450 XP with the Bronze role; everything settled. */
export async function preparePlayer(world: SandboxWorld, index: number, tag: string) {
  const { telegram, demo } = world;
  const { control, activity } = world.discord;
  const startedAt = Date.now();
  const name = `bench_${tag}_${index}`;
  const tgUser = telegram.control.createUser({
    firstName: 'Bench',
    lastName: `${tag}${index}`,
    username: name,
  });
  const dcUser = await control.createUser({ username: name });
  await control.addMember(demo.discord.guildId, { userId: dcUser.id });

  const { seq } = telegram.control.sendCommand({ from: tgUser.id, command: 'link' });
  const code = linkCodeIn(
    (await botAnswer(world, tgUser.id, seq, (t) => /\b[2-9A-HJKMNP-Z]{6}\b/.test(t))).text,
  );
  const interaction = await control.runCommand({
    channelId: demo.discord.channels.general,
    userId: dcUser.id,
    name: 'link',
    options: { code },
  });
  const done = await control.interaction(interaction.id, { until: 'completed', timeoutMs: 10_000 });
  // The code shows a preview first; the member confirms it with its button.
  const buttonRows = (done.original?.components ?? []) as Array<{
    components?: Array<{ custom_id?: string }>;
  }>;
  const confirmId = buttonRows
    .flatMap((r) => r.components ?? [])
    .find((c) => c.custom_id?.startsWith('link:yes:'));
  if (!done.original || !confirmId?.custom_id)
    throw new Error(`Discord /link ${code}: ${done.original?.content ?? '(no answer)'}`);
  const pressed = await control.pressButton({
    messageId: done.original.id,
    userId: dcUser.id,
    customId: confirmId.custom_id,
  });
  const confirmed = await control.interaction(pressed.id, { until: 'completed', timeoutMs: 10_000 });
  const answer = (confirmed.response?.data as { content?: string } | null)?.content ?? '(no answer)';
  if (!/linked/i.test(answer)) throw new Error(`Discord /link ${code}: ${answer}`);

  const { rows } = await world.services.db.pool.query<{ player_id: string }>(
    `SELECT player_id FROM identities WHERE platform = 'telegram' AND platform_user_id = $1`,
    [String(tgUser.id)],
  );
  const playerId = rows[0]?.player_id;
  if (!playerId) throw new Error(`Telegram user ${tgUser.id} has no player after /link`);
  await world.services.engine.record({
    key: buildIdempotencyKey({ source: 'admin', action: 'grant', entity: `bench.${tag}${index}`, playerId }),
    playerId,
    type: 'xp_change',
    source: 'admin',
    xpDelta: grantXp,
    reason: 'grant',
  });
  await activity.waitForRole(
    { userId: dcUser.id, roleId: demo.discord.roles.bronze, action: 'add', sinceMs: startedAt },
    roleTimeoutMs,
  );
  await world.settle(30_000);
  return { telegramId: tgUser.id, discordId: dcUser.id, playerId };
}

/** `/daily` on Telegram, timed to the Telegram answer and to the Silver role on Discord. */
export async function measureRankUp(
  world: SandboxWorld,
  player: Awaited<ReturnType<typeof preparePlayer>>,
): Promise<Sample & { rateLimited: number }> {
  const { roles, guildId } = world.demo.discord;
  const { activity, control } = world.discord;
  const t0 = Date.now();
  const { seq } = world.telegram.control.sendCommand({ from: player.telegramId, command: 'daily' });
  const [reply, role] = await Promise.all([
    // The answer to /daily, not the rank-up notice that may come close behind it.
    botAnswer(world, player.telegramId, seq, (text) => !/rank up/i.test(text)),
    activity.waitForRole(
      { userId: player.discordId, roleId: roles.silver, action: 'add', sinceMs: t0 },
      roleTimeoutMs,
    ),
  ]);
  if (!/\+100 XP/.test(reply.text)) throw new Error(`unexpected /daily answer: ${reply.text}`);
  const held =
    (await control.guild(guildId)).members.find((m) => m.user.id === player.discordId)?.roles ?? [];
  const rankRoles = held.filter((id) => [roles.bronze, roles.silver, roles.gold].includes(id));
  if (rankRoles.join() !== roles.silver)
    throw new Error(`member ends with rank roles [${rankRoles}], not Silver`);
  const { rows } = await world.services.db.pool.query<{ type: string; source: string; at: number }>(
    `SELECT type, source, extract(epoch FROM created_at) * 1000 AS at FROM sync_events
      WHERE player_id = $1 AND created_at >= to_timestamp($2 / 1000.0) ORDER BY created_at`,
    [player.playerId, t0 - 5],
  );
  const recorded = rows.find((r) => r.source === 'telegram' && r.type !== 'rank_change');
  const derived = rows.find((r) => r.type === 'rank_change');
  return {
    role: role.at - t0,
    reply: reply.at - t0,
    recorded: recorded ? Number(recorded.at) - t0 : Number.NaN,
    rankDerived: derived ? Number(derived.at) - t0 : Number.NaN,
    observationLag: role.seenAt - role.at,
    rateLimited: activity.rateLimitedBetween(t0, role.at),
  };
}
