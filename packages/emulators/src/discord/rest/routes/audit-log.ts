import { z } from 'zod';
import { auditLogEntryPayload } from '../../payloads/audit-log.ts';
import { userPayload } from '../../payloads/user.ts';
import { webhookPayload } from '../../payloads/webhook.ts';
import { compareSnowflakes } from '../../snowflake.ts';
import { Permission } from '../../world/permissions.ts';
import { parseForm } from '../form-errors.ts';
import { ok, type RouteDefinition } from '../rest-call.ts';
import { snowflake } from '../schemas/snowflake.ts';
import { botAndGuildOf, type RouteDeps } from './route-deps.ts';

const auditLogQuery = z.object({
  user_id: snowflake.optional(),
  action_type: z.coerce.number().int().optional(),
  before: snowflake.optional(),
  after: snowflake.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * GET /guilds/:id/audit-logs (View Audit Log, 50013 without): newest first, or oldest first
 * with `after`, as Discord orders them; `users` and `webhooks` list who the entries reference.
 */
export function auditLogRoutes(deps: RouteDeps): RouteDefinition[] {
  const { world } = deps.emulator;
  return [
    {
      method: 'get',
      path: '/guilds/:guildId/audit-logs',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call, Permission.ViewAuditLog);
        const query = parseForm(auditLogQuery, Object.fromEntries(call.query));
        const matching = world.auditLog.filter(
          (entry) =>
            entry.guildId === guild.id &&
            (query.user_id === undefined || entry.userId === query.user_id) &&
            (query.action_type === undefined || entry.actionType === query.action_type) &&
            (query.before === undefined || compareSnowflakes(entry.id, query.before) < 0) &&
            (query.after === undefined || compareSnowflakes(entry.id, query.after) > 0),
        );
        const ascending = query.after !== undefined && query.before === undefined;
        const entries = matching
          .sort((a, b) => (ascending ? compareSnowflakes(a.id, b.id) : compareSnowflakes(b.id, a.id)))
          .slice(0, query.limit);
        const referenced = new Set(entries.flatMap((entry) => [entry.userId ?? '', entry.targetId ?? '']));
        return ok({
          application_commands: [],
          audit_log_entries: entries.map(auditLogEntryPayload),
          auto_moderation_rules: [],
          guild_scheduled_events: [],
          integrations: [],
          threads: [],
          users: [...referenced].flatMap((id) => {
            const user = world.users.get(id);
            return user ? [userPayload(user)] : [];
          }),
          webhooks: [...referenced].flatMap((id) => {
            const webhook = world.webhooks.get(id);
            return webhook ? [webhookPayload(world, webhook)] : [];
          }),
        });
      },
    },
  ];
}
