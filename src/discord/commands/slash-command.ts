import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  ChatInputApplicationCommandData,
  ChatInputCommandInteraction,
} from 'discord.js';
import type { DiscordBotContext } from '../bot-context.ts';
import type { DiscordReader } from '../discord-identity.ts';

/**
 * One slash command: its registration data and a thin handler that unpacks the options, calls one
 * service and returns the reply text (the same text the Telegram bot sends, from src/replies).
 * The interaction handler defers, sends the text and turns a thrown error into errorReply.
 */
export interface SlashCommand {
  definition: ChatInputApplicationCommandData;
  /** Whether the answer is shown only to the player who asked (personal data, link codes). */
  ephemeral: boolean;
  /** `reader`: the player who typed the command, in the language they read. */
  execute(
    interaction: ChatInputCommandInteraction,
    ctx: DiscordBotContext,
    reader: DiscordReader,
  ): Promise<string | CommandAnswer>;
}

/** A reply with buttons under it (e.g. the link preview's confirm and cancel). */
export interface CommandAnswer {
  text: string;
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}
