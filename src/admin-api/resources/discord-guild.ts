import express, { type Router } from 'express';
import { z } from 'zod';
import { updateRank } from '../../catalog/manage-ranks.ts';
import { parseInput } from '../../core/parse-input.ts';
import { createRankRoles } from '../../discord-guild/create-rank-roles.ts';
import { unavailableDirectory } from '../../discord-guild/guild-directory.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';

/**
 * The Discord server as the panel sees it: its roles (with whether Tandem can give each) and
 * channels for the pickers, and the action that creates the roles the ranks lack.
 */

const directoryQuery = z.object({
  refresh: z.enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' }).optional(),
});

const notConfigured = 'Discord is not configured: set DISCORD_BOT_TOKEN and DISCORD_GUILD_ID.';

export function createDiscordGuildRouter(deps: AdminApiDeps): Router {
  const router = express.Router();

  router.get('/discord/guild', async (req, res) => {
    const { refresh } = parseInput(directoryQuery, req.query, 'Discord server request');
    const directory = deps.discordGuild
      ? await deps.discordGuild.get({ refresh: refresh === '1' || refresh === 'true' })
      : unavailableDirectory('not-configured', notConfigured, new Date());
    res.json(directory);
  });

  router.post('/ranks/create-discord-roles', async (req, res) => {
    if (!deps.discordGuild) throw new HttpError(409, `Cannot create the rank roles: ${notConfigured}`);
    const result = await createRankRoles({ db: deps.db, discordGuild: deps.discordGuild }, (input) =>
      writeAsAdmin(deps, req, 'create-discord-roles', (d) => updateRank(d, input)),
    );
    res.json(result);
  });

  return router;
}
