import type { TextKey } from '../../src/texts/default-texts.ts';
import { shippedTranslator } from '../../src/texts/texts.ts';
import type { TestTandem } from './services.ts';

/** Awaits an action expected to be refused and returns the error it was refused with. */
export async function refusal(action: Promise<unknown>): Promise<Error> {
  const error = await action.then(
    () => null,
    (e: Error) => e,
  );
  if (!error) throw new Error('expected a refusal');
  return error;
}

/** Players, notices and ledger rows of the task tests, read from the tandem the test opened last. */
export function taskWorld(current: () => TestTandem) {
  /** A player linked on both platforms, so each decision is told twice. */
  async function linkedPlayer(name = 'Ann'): Promise<string> {
    const tandem = current();
    const playerId = await tandem.createPlayer(name);
    await tandem.db.prisma.identity.createMany({
      data: [
        { playerId, platform: 'telegram', platformUserId: `tg-${name}` },
        { playerId, platform: 'discord', platformUserId: `dc-${name}` },
      ],
    });
    return playerId;
  }

  /** The queued notices, each written as a reader with no language of their own reads it. */
  async function notices() {
    const english = shippedTranslator('en');
    const jobs = await current().queues.notifications.getJobs(['waiting', 'delayed', 'prioritized']);
    return jobs
      .map(({ id, data }) => ({
        id,
        platform: data.platform,
        platformUserId: data.platformUserId,
        text: 'text' in data ? data.text : english(data.message.key as TextKey, data.message.params),
      }))
      .sort((a, b) => a.id!.localeCompare(b.id!));
  }

  async function taskLedger(playerId: string) {
    return current().db.prisma.ledgerEntry.findMany({ where: { playerId, reason: 'task' } });
  }

  return { linkedPlayer, notices, taskLedger };
}
