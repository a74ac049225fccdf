import type { Payout, PayoutDeps } from './payout.ts';

/**
 * Tells the player about a decision on each platform they are linked on, through the paced
 * notifications queue. The job id names the payout, the decision and the platform, so a notice is
 * sent once however often this runs. The decision is already committed: if Redis is unreachable the
 * notice is logged and dropped rather than failing a decision that stands.
 */
export async function notifyPayoutDecision(
  deps: Pick<PayoutDeps, 'db' | 'queues' | 'logger' | 'changes'>,
  payout: Payout,
  text: string,
): Promise<void> {
  await deps.changes?.publish({ entity: 'payouts', action: 'updated', id: payout.id });
  await deps.changes?.publish({ entity: 'players', action: 'updated', id: payout.playerId });
  const { rows } = await deps.db.pool.query<{ platform: 'telegram' | 'discord'; platform_user_id: string }>(
    'SELECT platform, platform_user_id FROM identities WHERE player_id = $1 AND sync_enabled ORDER BY platform',
    [payout.playerId],
  );
  for (const identity of rows) {
    try {
      await deps.queues.enqueueNotification(`payout-${payout.id}-${payout.status}-${identity.platform}`, {
        platform: identity.platform,
        platformUserId: identity.platform_user_id,
        text,
      });
    } catch (error) {
      deps.logger.warn(
        { err: error, payoutId: payout.id, platform: identity.platform },
        'payout notice not queued: Redis unreachable',
      );
    }
  }
}
