import { TandemError } from '../core/errors.ts';
import { messageOf } from '../texts/default-texts.ts';

/**
 * Errors of tasks and their submissions. Each message is written for the person who caused it:
 * players get the first three from a bot (their player message, in their language), admins the
 * others from the panel (the English message, shown as is). Bad
 * input is an InvalidChangeError (src/core/errors.ts); an admin deciding on a submission that changed
 * since they opened it gets a VersionConflictError (src/core/versioned-write.ts).
 */

/** The task does not exist or is no longer active. */
export class TaskNotFoundError extends TandemError {
  override name = 'TaskNotFoundError';
  constructor(readonly taskId: number) {
    const message = `There is no open task number ${taskId}. Send /tasks to see the tasks you can do.`;
    super('not_found', message, { playerMessage: messageOf('error.task.notFound', { task: taskId }) });
  }
}

export class TaskAlreadyPendingError extends TandemError {
  override name = 'TaskAlreadyPendingError';
  constructor(
    readonly taskId: number,
    readonly taskTitle: string,
  ) {
    const message =
      `Your proof for "${taskTitle}" is already waiting for an admin. ` +
      "You'll get a message as soon as it has been reviewed.";
    super('conflict', message, { playerMessage: messageOf('error.task.pending', { title: taskTitle }) });
  }
}

export class TaskAlreadyApprovedError extends TandemError {
  override name = 'TaskAlreadyApprovedError';
  constructor(
    readonly taskId: number,
    readonly taskTitle: string,
  ) {
    const message = `You already completed "${taskTitle}" and got its reward. Send /tasks to find another task.`;
    super('conflict', message, { playerMessage: messageOf('error.task.approved', { title: taskTitle }) });
  }
}

export class SubmissionNotFoundError extends TandemError {
  override name = 'SubmissionNotFoundError';
  constructor(readonly submissionId: string) {
    const message = `This task submission (${submissionId}) does not exist anymore. Reload the list.`;
    super('not_found', message, { playerMessage: messageOf('error.task.submissionGone') });
  }
}

/**
 * The other decision was already taken. Deciding the same way twice is not an error (it changes
 * nothing); only an approval of a rejected submission, or the reverse, is refused.
 */
export class SubmissionAlreadyDecidedError extends TandemError {
  override name = 'SubmissionAlreadyDecidedError';
  constructor(
    readonly submissionId: string,
    readonly status: 'approved' | 'rejected',
    readonly decidedBy: string | null,
    readonly decidedAt: Date | null,
  ) {
    const by = `${decidedBy ? ` by ${decidedBy}` : ''}${decidedAt ? ` at ${formatUtc(decidedAt)}` : ''}`;
    const message =
      status === 'approved'
        ? `This submission was already approved${by} and its reward paid, so it can no longer be rejected.`
        : `This submission was already rejected${by}, so it cannot be approved. ` +
          'The player can send new proof, and you can approve that.';
    super('conflict', message, {
      playerMessage: messageOf(
        status === 'approved' ? 'error.task.submissionApproved' : 'error.task.submissionRejected',
      ),
    });
  }
}

/** A task cannot be deleted once players submitted proof for it: their history would go with it. */
export class TaskHasSubmissionsError extends TandemError {
  override name = 'TaskHasSubmissionsError';
  constructor(
    readonly taskId: number,
    readonly submissions: number,
  ) {
    const message =
      `Players already sent ${submissions} ${submissions === 1 ? 'submission' : 'submissions'} for this task, ` +
      'so it cannot be deleted. Set it inactive to hide it from players instead.';
    super('conflict', message, {
      playerMessage: messageOf('error.task.hasSubmissions', { count: submissions }),
    });
  }
}

export type TaskError =
  | TaskNotFoundError
  | TaskAlreadyPendingError
  | TaskAlreadyApprovedError
  | SubmissionNotFoundError
  | SubmissionAlreadyDecidedError;

/** True for the errors told to the player (in their language) or the admin (in English) who caused them. */
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
