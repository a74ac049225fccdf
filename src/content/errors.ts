/**
 * Errors of the admin-managed content (menu buttons, scenarios, tasks). Messages are written for the
 * admin who made the change and shown as is by the panel; fields carry the details. Bad input is an
 * InvalidChangeError (src/sync/errors.ts) with field paths, like everywhere else.
 */

/** What an admin edits, as the messages name it. */
export type ContentKind =
  | 'menu button'
  | 'scenario'
  | 'task'
  | 'task submission'
  | 'player'
  | 'rank'
  | 'achievement'
  | 'setting'
  | 'admin';

/** The admin saved over a version someone else changed since they opened it; nothing was written. */
export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
  constructor(
    readonly kind: ContentKind,
    readonly id: number | string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `This ${kind} was changed by someone else since you opened it (version ${currentVersion} is current). ` +
        'Reload and apply your change again.',
    );
  }
}

export class ContentNotFoundError extends Error {
  override name = 'ContentNotFoundError';
  constructor(
    readonly kind: ContentKind,
    readonly id: number | string,
  ) {
    super(`This ${kind} (${id}) does not exist anymore: someone may have deleted it. Reload the list.`);
  }
}

/** A scenario cannot be deleted while menu buttons open it (the foreign key restricts it). */
export class ScenarioInUseError extends Error {
  override name = 'ScenarioInUseError';
  constructor(
    readonly scenarioId: number,
    /** Labels of the menu buttons that open it. */
    readonly buttonLabels: string[],
  ) {
    const names = buttonLabels.map((label) => `"${label}"`).join(', ');
    const several = buttonLabels.length > 1;
    const which = several ? `the menu buttons ${names}` : `the menu button ${names || ''}`.trim();
    const them = several ? 'them' : 'it';
    super(
      `This scenario is still opened by ${which}. Point ${them} at something else or delete ${them} first.`,
    );
  }
}

/** A task cannot be deleted once players submitted proof for it: their history would go with it. */
export class TaskHasSubmissionsError extends Error {
  override name = 'TaskHasSubmissionsError';
  constructor(
    readonly taskId: number,
    readonly submissions: number,
  ) {
    super(
      `Players already sent ${submissions} ${submissions === 1 ? 'submission' : 'submissions'} for this task, ` +
        'so it cannot be deleted. Set it inactive to hide it from players instead.',
    );
  }
}

export type ContentError =
  | VersionConflictError
  | ContentNotFoundError
  | ScenarioInUseError
  | TaskHasSubmissionsError;

export function isContentError(error: unknown): error is ContentError {
  return (
    error instanceof VersionConflictError ||
    error instanceof ContentNotFoundError ||
    error instanceof ScenarioInUseError ||
    error instanceof TaskHasSubmissionsError
  );
}
