import express, { type Request, type Response, type Router } from 'express';
import { discordErrors } from '../errors.ts';
import { mountRoute, type RestDependencies, sendError } from './pipeline.ts';
import type { RouteDefinition } from './rest-call.ts';
import { auditLogRoutes } from './routes/audit-log.ts';
import { channelRoutes } from './routes/channels.ts';
import { commandRoutes } from './routes/commands.ts';
import { gatewayRoutes } from './routes/gateway.ts';
import { guildChannelRoutes } from './routes/guild-channels.ts';
import { guildRoutes } from './routes/guilds.ts';
import { incomingWebhookRoutes } from './routes/incoming-webhooks.ts';
import { interactionRoutes } from './routes/interactions.ts';
import { memberRoutes } from './routes/members.ts';
import { moderationRoutes } from './routes/moderation.ts';
import { pinRoutes } from './routes/pins.ts';
import { reactionRoutes } from './routes/reactions.ts';
import { roleRoutes } from './routes/roles.ts';
import type { RouteDeps } from './routes/route-deps.ts';
import { threadRoutes } from './routes/threads.ts';
import { userRoutes } from './routes/users.ts';
import { webhookRoutes } from './routes/webhooks.ts';

export function allRoutes(deps: RouteDeps): RouteDefinition[] {
  return [
    ...gatewayRoutes(deps),
    ...userRoutes(deps),
    ...commandRoutes(deps),
    ...interactionRoutes(deps),
    ...webhookRoutes(deps),
    ...incomingWebhookRoutes(deps),
    // Before the channel routes: `/messages/pins` must not be read as a message id.
    ...pinRoutes(deps),
    ...reactionRoutes(deps),
    ...threadRoutes(deps),
    ...channelRoutes(deps),
    ...guildRoutes(deps),
    ...memberRoutes(deps),
    ...moderationRoutes(deps),
    ...roleRoutes(deps),
    ...auditLogRoutes(deps),
    ...guildChannelRoutes(deps),
  ];
}

/** Express path with `:params` as a regular expression, to tell 405 from 404. */
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * The REST API as mounted under `/api/v10`: every route, then Discord's 405 for a known path
 * with another method and 404 `{message: '404: Not Found', code: 0}` for anything else.
 */
export function createRestRouter(deps: RouteDeps, restDeps: RestDependencies): Router {
  const router = express.Router({ caseSensitive: true });
  const routes = allRoutes(deps);
  for (const route of routes) mountRoute(router, route, restDeps);
  const patterns = routes.map((route) => pathPattern(route.path));
  router.use((req: Request, res: Response) => {
    const known = patterns.some((pattern) => pattern.test(req.path));
    sendError(res, restDeps, req, known ? discordErrors.methodNotAllowed() : discordErrors.notFound());
  });
  return router;
}
