/**
 * Errors of tasks and their submissions. Each message is written for the person who caused it and
 * shown as is: players get the first three (from a bot), admins the last two (from the panel). Bad
 * input is an InvalidChangeError (src/sync/errors.ts); an admin deciding on a submission that changed
 * since they opened it gets a VersionConflictError (src/content/errors.ts).
 */

/** The task does not exist or is no longer active. */
export class TaskNotFoundError extends Error {
  override name = 'TaskNotFoundError';
  constructor(readonly taskId: number) {
    super(`There is no open task number ${taskId}. Send /tasks to see the tasks you can do.`);
  }
}

export class TaskAlreadyPendingError extends Error {
  override name = 'TaskAlreadyPendingError';
  constructor(
    readonly taskId: number,
    readonly taskTitle: string,
  ) {
    super(
      `Your proof for "${taskTitle}" is already waiting for an admin. ` +
        "You'll get a message as soon as it has been reviewed.",
    );
  }
}

export class TaskAlreadyApprovedError extends Error {
  override name = 'TaskAlreadyApprovedError';
  constructor(
    readonly taskId: number,
    readonly taskTitle: string,
  ) {
    super(`You already completed "${taskTitle}" and got its reward. Send /tasks to find another task.`);
  }
}

export class SubmissionNotFoundError extends Error {
  override name = 'SubmissionNotFoundError';
  constructor(readonly submissionId: string) {
    super(`This task submission (${submissionId}) does not exist anymore. Reload the list.`);
  }
}

/**
 * The other decision was already taken. Deciding the same way twice is not an error (it changes
 * nothing); only an approval of a rejected submission, or the reverse, is refused.
 */
export class SubmissionAlreadyDecidedError extends Error {
  override name = 'SubmissionAlreadyDecidedError';
  constructor(
    readonly submissionId: string,
    readonly status: 'approved' | 'rejected',
    readonly decidedBy: string | null,
    readonly decidedAt: Date | null,
  ) {
    const by = `${decidedBy ? ` by ${decidedBy}` : ''}${decidedAt ? ` at ${formatUtc(decidedAt)}` : ''}`;
    super(
      status === 'approved'
        ? `This submission was already approved${by} and its reward paid, so it can no longer be rejected.`
        : `This submission was already rejected${by}, so it cannot be approved. ` +
            'The player can send new proof, and you can approve that.',
    );
  }
}

export type TaskError =
  | TaskNotFoundError
  | TaskAlreadyPendingError
  | TaskAlreadyApprovedError
  | SubmissionNotFoundError
  | SubmissionAlreadyDecidedError;

/** True for the errors whose message is shown as is to the player or admin who caused it. */
export function isTaskError(error: unknown): error is TaskError {
  return (
    error instanceof TaskNotFoundError ||
    error instanceof TaskAlreadyPendingError ||
    error instanceof TaskAlreadyApprovedError ||
    error instanceof SubmissionNotFoundError ||
    error instanceof SubmissionAlreadyDecidedError
  );
}

/** `2026-11-22 12:34 UTC`: unambiguous whatever the reader's time zone. */
function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
