import { type ChangeSubscription, type EntityChange, subscribeToChanges } from '../../src/live/changes.ts';
import type { Logger } from '../../src/logging/logger.ts';

/**
 * Listens to what a test's Tandem announces to the panel (the live layer's change channel):
 * `announced` fills as changes arrive; close `subscription` when the test ends.
 */
export async function listenForChanges(tandem: {
  redisUrl: string;
  prefix: string;
  logger: Logger;
}): Promise<{ announced: EntityChange[]; subscription: ChangeSubscription }> {
  const announced: EntityChange[] = [];
  const subscription = await subscribeToChanges(
    tandem.redisUrl,
    tandem.prefix,
    (change) => announced.push(change),
    tandem.logger,
  );
  return { announced, subscription };
}
