import type { Router } from 'express';
import { z } from 'zod';
import { roleChangeView } from '../../actions/member-update.ts';
import type { ActivityEvent } from '../../events/emulator-events.ts';
import { auditLogEntryPayload } from '../../payloads/audit-log.ts';
import { commandPayload } from '../../payloads/command.ts';
import { messagePayload } from '../../payloads/message.ts';
import type { InteractionRecord } from '../../world/types.ts';
import type { ControlDeps } from '../control-deps.ts';
import { ControlError, controlRoute, parseInput, requireParam } from '../control-route.ts';
import { interactionWaitQuery } from '../schemas.ts';
import { interactionView } from '../views.ts';

const messagesQuery = z.object({
  authorId: z.string().optional(),
  limit: z.coerce.number().int().min(1).default(100),
});

/** Reading what the bot did: messages, DMs, role changes, the audit log, interaction replies, commands. */
export function mountInspectRoutes(router: Router, deps: ControlDeps): void {
  const ctx = deps.emulator;
  const { world, events } = ctx;

  const messageView = (id: string) => {
    const record = world.messages.get(id);
    return record ? { ...messagePayload(world, record), ephemeral: (record.flags & 64) !== 0 } : null;
  };

  controlRoute(router, 'get', '/channels/:channelId/messages', (input) => {
    const channel = world.requireChannel(requireParam(input, 'channelId'));
    const query = parseInput(messagesQuery, input.query);
    const messages = world
      .channelMessages(channel.id)
      .filter((m) => !query.authorId || m.authorId === query.authorId)
      .slice(-query.limit);
    return { body: messages.map((m) => messageView(m.id)) };
  });

  controlRoute(router, 'get', '/dms', (input) => {
    const { userId, botUserId } = input.query;
    const channels = [...world.channels.values()].filter(
      (channel) =>
        channel.type === 1 &&
        (!userId || channel.recipientIds[0] === userId) &&
        (!botUserId || channel.recipientIds[1] === botUserId),
    );
    return {
      body: channels.map((channel) => ({
        channelId: channel.id,
        userId: channel.recipientIds[0],
        botUserId: channel.recipientIds[1],
        messages: world.channelMessages(channel.id).map((m) => messageView(m.id)),
      })),
    };
  });

  // The guild's audit log as Server Settings shows it: every entry, newest first.
  controlRoute(router, 'get', '/guilds/:guildId/audit-log', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const { userId, actionType } = input.query;
    const entries = world.auditLog
      .filter(
        (entry) =>
          entry.guildId === guild.id &&
          (!userId || entry.userId === userId) &&
          (!actionType || entry.actionType === Number(actionType)),
      )
      .reverse();
    return { body: entries.map(auditLogEntryPayload) };
  });

  controlRoute(router, 'get', '/role-changes', (input) => {
    const { guildId, userId, actorKind } = input.query;
    return {
      body: world.roleChanges
        .filter(
          (change) =>
            (!guildId || change.guildId === guildId) &&
            (!userId || change.userId === userId) &&
            (!actorKind || change.actorKind === actorKind),
        )
        .map(roleChangeView),
    };
  });

  controlRoute(router, 'get', '/commands', (input) => {
    const { applicationId, guildId } = input.query;
    return {
      body: [...world.commands.values()]
        .filter(
          (command) =>
            (!applicationId || command.applicationId === applicationId) &&
            (guildId === undefined ||
              (guildId === 'global' ? command.guildId === null : command.guildId === guildId)),
        )
        .map(commandPayload),
    };
  });

  controlRoute(router, 'get', '/interactions', () => ({
    body: [...world.interactions.values()].map((interaction) => interactionView(world, interaction)),
  }));

  controlRoute(router, 'get', '/interactions/:interactionId', async (input) => {
    const interaction = world.requireInteraction(requireParam(input, 'interactionId'));
    const query = parseInput(interactionWaitQuery, input.query);
    if (query.wait) {
      const done = () => reached(interaction, query.wait ?? 'response', query.count);
      const ok = await waitUntil(events.onActivity.bind(events), done, query.timeoutMs);
      if (!ok) {
        throw new ControlError(
          408,
          `Interaction ${interaction.id} did not reach "${query.wait}" within ${query.timeoutMs} ms`,
        );
      }
    }
    return { body: interactionView(world, interaction) };
  });

  controlRoute(router, 'get', '/events/history', (input) => {
    const after = Number(input.query.after ?? 0);
    return { body: events.history(Number.isFinite(after) ? after : 0) };
  });
}

function reached(
  interaction: InteractionRecord,
  wait: 'response' | 'completed' | 'followups',
  count: number,
): boolean {
  if (wait === 'response') return interaction.response !== null;
  if (wait === 'completed') return interaction.completed;
  return interaction.followupMessageIds.length >= count;
}

/** Resolves true once `done()` holds (checked after each activity event), false on timeout. */
function waitUntil(
  subscribe: (listener: (event: ActivityEvent) => void) => () => void,
  done: () => boolean,
  timeoutMs: number,
): Promise<boolean> {
  if (done()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(false);
    }, timeoutMs);
    const unsubscribe = subscribe(() => {
      if (!done()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(true);
    });
  });
}
