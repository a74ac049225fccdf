import type { Job } from 'bullmq';
import type { SyncWorkers } from '../../src/sync/workers.ts';
import { epochMs } from '../shared/stats.ts';

/** One job that finished, as its worker saw it (times in epoch ms). */
export interface Completion {
  id: string;
  queue: string;
  /** When the worker's 'completed' event fired. */
  at: number;
  /** When the job was added (BullMQ's job.timestamp). */
  added: number;
  started: number;
  finished: number;
  /** The processor's answer: 'completed', or 'skipped' when the event had been completed before. */
  result: string;
}

export interface Failure {
  id: string;
  queue: string;
  attemptsMade: number;
  final: boolean;
  error: string;
}

export interface CompletionSink {
  completed(c: Completion): void;
  failed(f: Failure): void;
}

/** Reports every job of the started workers that completes or fails. */
export function watchWorkers(workers: SyncWorkers, sink: CompletionSink): void {
  for (const worker of workers.workers) {
    worker.on('completed', (job: Job, result: unknown) => {
      sink.completed({
        id: job.id ?? '',
        queue: worker.name,
        at: epochMs(),
        added: job.timestamp,
        started: job.processedOn ?? 0,
        finished: job.finishedOn ?? 0,
        result: typeof result === 'string' ? result : JSON.stringify(result ?? null),
      });
    });
    worker.on('failed', (job: Job | undefined, error: Error) => {
      const attempts = job?.opts.attempts ?? 1;
      sink.failed({
        id: job?.id ?? '',
        queue: worker.name,
        attemptsMade: job?.attemptsMade ?? 0,
        final: (job?.attemptsMade ?? 0) >= attempts,
        error: error.message.slice(0, 300),
      });
    });
  }
}
