import { InvalidChannelChangeError } from '../actions/channels.ts';
import {
  CallbackTypeMismatchError,
  InteractionAlreadyAcknowledgedError,
  InteractionNotAcknowledgedError,
  InteractionTokenExpiredError,
} from '../actions/interaction-responses.ts';
import { TooManyPinsError } from '../actions/pins.ts';
import { TooManyReactionsError, UnknownEmojiError } from '../actions/reactions.ts';
import { ThreadAlreadyCreatedError } from '../actions/threads.ts';
import { NotAVoiceChannelError } from '../actions/voice.ts';
import { TooManyWebhooksError } from '../actions/webhooks.ts';
import { DiscordApiError, discordErrors, formError } from '../errors.ts';
import { type EntityKind, isUnknownEntityError } from '../world/unknown-entity-error.ts';

const unknownByKind: Record<EntityKind, () => DiscordApiError> = {
  user: discordErrors.unknownUser,
  application: discordErrors.unknownApplication,
  guild: discordErrors.unknownGuild,
  role: discordErrors.unknownRole,
  channel: discordErrors.unknownChannel,
  member: discordErrors.unknownMember,
  message: discordErrors.unknownMessage,
  command: discordErrors.unknownCommand,
  interaction: discordErrors.unknownInteraction,
  webhook: discordErrors.unknownWebhook,
};

/**
 * Turns anything a route threw into the Discord error to answer. `unexpected` is true for
 * errors no route meant to throw (answered 500, reported on the activity stream).
 */
export function toDiscordApiError(error: unknown): { error: DiscordApiError; unexpected: boolean } {
  if (error instanceof DiscordApiError) return { error, unexpected: false };
  if (isUnknownEntityError(error)) return { error: unknownByKind[error.kind](), unexpected: false };
  if (error instanceof UnknownEmojiError) return { error: discordErrors.unknownEmoji(), unexpected: false };
  if (error instanceof TooManyReactionsError)
    return { error: discordErrors.maxReactions(), unexpected: false };
  if (error instanceof ThreadAlreadyCreatedError)
    return { error: discordErrors.threadAlreadyCreated(), unexpected: false };
  if (error instanceof TooManyPinsError) return { error: discordErrors.maxPins(), unexpected: false };
  if (error instanceof TooManyWebhooksError) return { error: discordErrors.maxWebhooks(), unexpected: false };
  if (error instanceof InteractionAlreadyAcknowledgedError) {
    return { error: discordErrors.alreadyAcknowledged(), unexpected: false };
  }
  if (error instanceof InteractionNotAcknowledgedError)
    return { error: discordErrors.unknownWebhook(), unexpected: false };
  if (error instanceof InteractionTokenExpiredError) {
    return { error: discordErrors.invalidWebhookToken(), unexpected: false };
  }
  if (error instanceof CallbackTypeMismatchError) {
    return {
      error: discordErrors.invalidFormBody(
        formError(
          ['type'],
          'INTERACTION_CALLBACK_TYPE_INVALID',
          'Interaction callback type is not valid for this interaction.',
        ),
      ),
      unexpected: false,
    };
  }
  if (error instanceof NotAVoiceChannelError) {
    return {
      error: discordErrors.invalidFormBody(
        formError(['channel_id'], 'CHANNEL_TYPE_INVALID', 'Channel is not a voice channel of this guild.'),
      ),
      unexpected: false,
    };
  }
  if (error instanceof InvalidChannelChangeError) {
    const code = error.field === 'type' ? 'CHANNEL_TYPE_INVALID' : 'CHANNEL_PARENT_INVALID';
    return {
      error: discordErrors.invalidFormBody(formError([error.field], code, error.message)),
      unexpected: false,
    };
  }
  return { error: discordErrors.serverError(500), unexpected: true };
}
