import { z } from 'zod';
import { CallbackType, respondToInteraction } from '../../actions/interaction-responses.ts';
import { messagePayload } from '../../payloads/message.ts';
import { UnknownEntityError } from '../../world/unknown-entity-error.ts';
import { parseForm } from '../form-errors.ts';
import { noContent, ok, param, type RouteDefinition } from '../rest-call.ts';
import { autocompleteResultCallback, modalCallback } from '../schemas/callback-data.ts';
import { assertNotEmpty, messageFields, parseMessageBody } from '../schemas/message-body.ts';
import type { RouteDeps } from './route-deps.ts';

const callbackBody = z.looseObject({
  type: z.number().int(),
  data: z.looseObject({}).nullish(),
});

/**
 * POST /interactions/:id/:token/callback: no Authorization, outside the global limit. 204
 * without a body, or with `?with_response=true` 200 and the interaction callback response.
 */
export function interactionRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  return [
    {
      method: 'post',
      path: '/interactions/:interactionId/:token/callback',
      bucket: null,
      auth: 'none',
      handler: (call) => {
        const interaction = ctx.world.requireInteraction(param(call, 'interactionId'));
        if (interaction.token !== param(call, 'token'))
          throw new UnknownEntityError('interaction', interaction.id);
        const callback = parseForm(callbackBody, call.body);
        let data: Record<string, unknown> | undefined;
        if (
          callback.type === CallbackType.ChannelMessageWithSource ||
          callback.type === CallbackType.UpdateMessage ||
          callback.type === CallbackType.DeferredChannelMessageWithSource
        ) {
          const parsed = parseMessageBody(callback.data ?? {});
          if (callback.type === CallbackType.ChannelMessageWithSource) assertNotEmpty(parsed, call.files);
          data = { ...callback.data, ...messageFields(parsed) };
        } else if (callback.type === CallbackType.ApplicationCommandAutocompleteResult) {
          data = parseForm(autocompleteResultCallback, call.body).data;
        } else if (callback.type === CallbackType.Modal) {
          data = parseForm(modalCallback, call.body).data;
        } else if (callback.data) {
          data = callback.data;
        }
        const { message } = respondToInteraction(ctx, interaction, { type: callback.type, data }, call.files);
        if (call.query.get('with_response') !== 'true') return noContent();
        return ok({
          interaction: {
            id: interaction.id,
            type: interaction.type,
            ...(interaction.originalMessageId
              ? {
                  response_message_id: interaction.originalMessageId,
                  response_message_loading: callback.type === CallbackType.DeferredChannelMessageWithSource,
                  response_message_ephemeral: interaction.ephemeral,
                }
              : {}),
          },
          resource: {
            type: callback.type,
            ...(message && callback.type !== CallbackType.DeferredChannelMessageWithSource
              ? { message: messagePayload(ctx.world, message) }
              : {}),
          },
        });
      },
    },
  ];
}
