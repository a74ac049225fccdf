import express, { type Router } from 'express';
import { z } from 'zod';
import { adjustPlayer } from '../../players/adjust-player.ts';
import { renamePlayer } from '../../players/rename-player.ts';
import type { AdminApiDeps } from '../deps.ts';
import { parseListQuery } from '../rest/list-query.ts';
import { notFound, uuidParam } from '../rest/record-id.ts';
import { parseBody, versionOf } from '../rest/request-body.ts';
import { sendList } from '../rest/send-list.ts';
import { actingAdminName } from './acting-admin.ts';
import { listPlayers, playerList, showPlayer } from './player-records.ts';

const renameBody = z.object({ displayName: z.string({ message: 'must be text' }) });

/** The form's fields; the service checks the numbers and the request id. */
const adjustmentBody = z.object({
  xpDelta: z.number({ message: 'must be a number' }).optional(),
  coinDelta: z.number({ message: 'must be a number' }).optional(),
  reason: z
    .string({ message: 'say why: it is kept with the ledger row' })
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

  router.get('/', async (req, res) => {
    const query = parseListQuery(req.query, playerList);
    sendList(res, 'players', { skip: query.skip, ...(await listPlayers(deps, query)) });
  });

  router.get('/:id', async (req, res) => {
    const id = uuidParam(req.params.id, 'player');
    const player = await showPlayer(deps, id);
    if (!player) throw notFound('player', id);
    res.json(player);
  });

  router.put('/:id', async (req, res) => {
    const playerId = uuidParam(req.params.id, 'player');
    const { displayName } = parseBody(renameBody, req.body, 'player');
    const player = await renamePlayer(deps, { playerId, expectedVersion: versionOf(req.body), displayName });
    res.json(await showPlayer(deps, player.id));
  });

  router.post('/:id/adjustments', async (req, res) => {
    const playerId = uuidParam(req.params.id, 'player');
    const body = parseBody(adjustmentBody, req.body, 'adjustment');
    const result = await adjustPlayer(deps, {
      playerId,
      xpDelta: body.xpDelta,
      coinDelta: body.coinDelta,
      note: body.reason,
      admin: actingAdminName(req),
      requestId: body.requestId,
    });
    res.status(result.applied ? 201 : 200).json(result);
  });

  return router;
}
