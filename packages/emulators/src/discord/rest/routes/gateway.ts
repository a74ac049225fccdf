import { ok, type RouteDefinition, requireBot } from '../rest-call.ts';
import type { RouteDeps } from './route-deps.ts';

/** Guilds per shard Discord recommends in GET /gateway/bot. */
const GUILDS_PER_RECOMMENDED_SHARD = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function gatewayRoutes(deps: RouteDeps): RouteDefinition[] {
  return [
    {
      method: 'get',
      path: '/gateway',
      bucket: null,
      auth: 'none',
      handler: () => ok({ url: deps.gatewayUrl() }),
    },
    {
      method: 'get',
      path: '/gateway/bot',
      bucket: 'gateway',
      auth: 'bot',
      handler: (call) => {
        const { application, user } = requireBot(call);
        const guilds = deps.emulator.world.guildsOf(user.id).length;
        return ok({
          url: deps.gatewayUrl(),
          shards: Math.max(1, Math.ceil(guilds / GUILDS_PER_RECOMMENDED_SHARD)),
          session_start_limit: {
            total: 1000,
            remaining: application.sessionStartsRemaining,
            reset_after: DAY_MS,
            max_concurrency: 1,
          },
        });
      },
    },
  ];
}
