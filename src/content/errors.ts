import { TandemError } from '../core/errors.ts';
import { messageOf } from '../texts/default-texts.ts';

/**
 * Errors of the admin-managed content (menu buttons, scenarios). Messages are written for the
 * admin who made the change and shown as is by the panel; fields carry the details. Bad input is an
 * InvalidChangeError (src/core/errors.ts) with field paths, like everywhere else; a stale or deleted
 * record a VersionConflictError or ContentNotFoundError (src/core/versioned-write.ts).
 */

/** A scenario cannot be deleted while menu buttons open it (the foreign key restricts it). */
export class ScenarioInUseError extends TandemError {
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
    const message = `This scenario is still opened by ${which}. Point ${them} at something else or delete ${them} first.`;
    super('conflict', message, {
      playerMessage: messageOf('error.content.scenarioInUse', { count: buttonLabels.length, buttons: names }),
    });
  }
}
