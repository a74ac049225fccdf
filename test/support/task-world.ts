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

  async function notices() {
    const jobs = await current().queues.notifications.getJobs(['waiting', 'delayed', 'prioritized']);
    return jobs.map((job) => ({ id: job.id, ...job.data })).sort((a, b) => a.id!.localeCompare(b.id!));
  }

  async function taskLedger(playerId: string) {
    return current().db.prisma.ledgerEntry.findMany({ where: { playerId, reason: 'task' } });
  }

  return { linkedPlayer, notices, taskLedger };
}
