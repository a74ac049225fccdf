import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.ts';
import { storedText } from '../../core/postgres-values.ts';
import { adjustPlayer } from '../../players/adjust-player.ts';
import { renamePlayer } from '../../players/rename-player.ts';
import { auditedDeps, writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { uuidParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';
import { actingAdminName } from './acting-admin.ts';
import { listPlayers, playerList, showPlayer } from './player-records.ts';

const renameBody = z.object({ displayName: storedText() });

/** The form's fields; the service checks the numbers and the request id. */
const adjustmentBody = z.object({
  xpDelta: z.number({ message: 'must be a number' }).optional(),
  coinDelta: z.number({ message: 'must be a number' }).optional(),
  reason: storedText('say why: it is kept with the ledger row')
    .trim()
    .min(1, 'say why: it is kept with the ledger row')
    .max(500, 'at most 500 characters'),
  requestId: z.string({ message: 'must be text' }).optional(),
});

/**
 * Players: list, show, rename. Their XP and coins change only by an adjustment, which the engine
 * records like any other event; there is no create or delete (players come from the bots).
 */
export function createPlayersRouter(deps: AdminApiDeps): Router {
  const router = express.Router();

  addListRoute(router, 'players', playerList, (query) => listPlayers(deps, query));

  router.post('/:id/adjustments', async (req, res) => {
    const playerId = uuidParam(req.params.id, 'player');
    const body = parseInput(adjustmentBody, req.body ?? {}, 'adjustment');
    const result = await adjustPlayer(auditedDeps(deps, req, 'adjust'), {
      playerId,
      xpDelta: body.xpDelta,
      coinDelta: body.coinDelta,
      note: body.reason,
      admin: actingAdminName(req),
      requestId: body.requestId,
    });
    res.status(result.applied ? 201 : 200).json(result);
  });

  addRecordRoutes(router, {
    what: 'player',
    parseId: (value) => uuidParam(value, 'player'),
    find: (id) => showPlayer(deps, id),
    update: async (playerId, body, expectedVersion, req) => {
      const { displayName } = parseInput(renameBody, body, 'player');
      await writeAsAdmin(deps, req, 'rename', (d) =>
        renamePlayer(d, { playerId, expectedVersion, displayName }),
      );
      return (await showPlayer(deps, playerId))!;
    },
  });

  return router;
}
