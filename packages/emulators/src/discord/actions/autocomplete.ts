import type { InteractionRecord } from '../world/types.ts';
import { InteractionType } from '../world/types.ts';
import { commandInteractionData } from './command-options.ts';
import type { EmulatorContext } from './context.ts';
import { createInteraction, resolveCommandInvocation, type SlashCommandInput } from './interaction-create.ts';

export interface AutocompleteInput extends SlashCommandInput {
  /** The option being typed into; its text so far is `options[focused]` (empty when absent). */
  focused: string;
}

/**
 * A user types into an option registered with `autocomplete: true`: INTERACTION_CREATE type 4
 * APPLICATION_COMMAND_AUTOCOMPLETE with the options so far, the typed one `focused` with its text.
 * The bot answers with callback type 8 and up to 25 choices.
 */
export function typeIntoAutocomplete(ctx: EmulatorContext, input: AutocompleteInput): InteractionRecord {
  const { channel, guild, application, command } = resolveCommandInvocation(ctx, input);
  const data = commandInteractionData(ctx, guild, command, input);
  return createInteraction(ctx, {
    application,
    type: InteractionType.ApplicationCommandAutocomplete,
    guildId: guild?.id ?? null,
    channelId: channel.id,
    userId: input.userId,
    data,
    sourceMessageId: null,
  });
}
