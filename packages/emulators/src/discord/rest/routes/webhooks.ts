import {
  deleteInteractionMessage,
  editInteractionMessage,
  followUp,
  interactionMessage,
} from '../../actions/interaction-responses.ts';
import { messagePayload } from '../../payloads/message.ts';
import type { InteractionRecord } from '../../world/types.ts';
import { UnknownEntityError } from '../../world/unknown-entity-error.ts';
import { noContent, ok, param, type RestCall, type RouteDefinition } from '../rest-call.ts';
import { assertNotEmpty, messageFields, parseMessageBody } from '../schemas/message-body.ts';
import { executeIncomingWebhook } from './incoming-webhooks.ts';
import type { RouteDeps } from './route-deps.ts';

/**
 * Interaction webhooks (`/webhooks/:applicationId/:token...`): the original response
 * (`@original`) and follow-ups. No Authorization; the token is the credential. Posting to an
 * incoming webhook's id executes it instead (see incoming-webhooks.ts).
 */
export function webhookRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;

  function interactionOf(call: RestCall): InteractionRecord {
    const applicationId = param(call, 'applicationId');
    const interaction = ctx.world.interactionByToken(applicationId, param(call, 'token'));
    if (!interaction) throw new UnknownEntityError('webhook', applicationId);
    return interaction;
  }

  const messagePath = '/webhooks/:applicationId/:token/messages/:messageId';
  return [
    {
      method: 'post',
      path: '/webhooks/:applicationId/:token',
      bucket: 'webhooks',
      auth: 'none',
      handler: (call) => {
        const id = param(call, 'applicationId');
        if (ctx.world.webhooks.has(id)) return executeIncomingWebhook(deps, call, id);
        const interaction = interactionOf(call);
        const body = parseMessageBody(call.body);
        assertNotEmpty(body, call.files);
        const message = followUp(ctx, interaction, messageFields(body), call.files);
        // For interaction follow-ups `wait` is always true: the message comes back even without it.
        return ok(messagePayload(ctx.world, message));
      },
    },
    {
      method: 'get',
      path: messagePath,
      bucket: 'webhooks',
      auth: 'none',
      handler: (call) =>
        ok(messagePayload(ctx.world, interactionMessage(ctx, interactionOf(call), param(call, 'messageId')))),
    },
    {
      method: 'patch',
      path: messagePath,
      bucket: 'webhooks',
      auth: 'none',
      handler: (call) => {
        const body = parseMessageBody(call.body);
        const edited = editInteractionMessage(ctx, interactionOf(call), param(call, 'messageId'), {
          ...messageFields(body),
          files: call.files,
        });
        return ok(messagePayload(ctx.world, edited));
      },
    },
    {
      method: 'delete',
      path: messagePath,
      bucket: 'webhooks',
      auth: 'none',
      handler: (call) => {
        deleteInteractionMessage(ctx, interactionOf(call), param(call, 'messageId'));
        return noContent();
      },
    },
  ];
}
