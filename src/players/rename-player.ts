import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import { expectedVersionSchema, staleWriteError, versionFilter } from '../core/versioned-write.ts';
import type { Player } from '../generated/prisma/client.ts';
import type { AdminWriteDeps } from '../live/changes.ts';

const renameSchema = z.object({
  playerId: z.uuid('must be a player id (uuid)'),
  expectedVersion: expectedVersionSchema,
  displayName: storedText().trim().min(1, 'is required').max(100, 'at most 100 characters'),
});
export type RenamePlayerInput = z.input<typeof renameSchema>;

/**
 * An admin renames a player: the one field of an account edited by hand (XP and coins move only
 * through the engine). One conditional UPDATE on the version the admin opened; earning does not
 * move the version, so a rename is refused only over another admin's edit.
 */
export async function renamePlayer(deps: AdminWriteDeps, input: RenamePlayerInput): Promise<Player> {
  const { playerId, expectedVersion, displayName } = parseInput(renameSchema, input, 'player');
  const [player] = await deps.db.prisma.player.updateManyAndReturn({
    where: { id: playerId, ...versionFilter(expectedVersion) },
    data: { displayName, version: { increment: 1 } },
  });
  if (!player) {
    const current = await deps.db.prisma.player.findUnique({
      where: { id: playerId },
      select: { version: true },
    });
    throw staleWriteError('player', playerId, expectedVersion, current);
  }
  await deps.changes.publish({ entity: 'players', action: 'updated', id: playerId });
  return player;
}
