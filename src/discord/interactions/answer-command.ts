import { type ChatInputCommandInteraction, MessageFlags, type MessageMentionOptions } from 'discord.js';
import { errorReply } from '../../replies/errors.ts';
import type { DiscordBotContext } from '../bot-context.ts';
import type { SlashCommand } from '../commands/slash-command.ts';
import { logCommandError } from './log-command-error.ts';

/**
 * How long a command may run before the bot defers its answer. Discord drops an interaction not
 * answered within 3 s; the rest of the budget covers the round trip of the deferral itself.
 */
const deferAfterMs = 1_500;

/** Discord refuses longer messages; a reply that long is a bug, but the player should still see most of it. */
const maxMessageLength = 2_000;

type Outcome = { ok: true; text: string } | { ok: false; error: unknown };

/**
 * Nobody gets pinged by a reply: names in a leaderboard or profile could read `@everyone`, and
 * Tandem's texts never mean to notify anyone.
 */
function message(text: string): { content: string; allowedMentions: MessageMentionOptions } {
  const content = text.length > maxMessageLength ? `${text.slice(0, maxMessageLength - 1)}…` : text;
  return { content, allowedMentions: { parse: [] } };
}

/**
 * Answers one slash command with its reply text, or errorReply's sentence for a thrown error.
 * A quick command is answered at once, so an error (bad input, a wrong code) is shown only to the
 * player even for a public command. A command still running after `deferAfterMs` is deferred
 * ("thinking..."), and its answer, error included, then keeps the deferral's visibility: Discord
 * cannot turn a public deferred reply private.
 */
export async function answerCommand(
  ctx: DiscordBotContext,
  interaction: ChatInputCommandInteraction,
  command: SlashCommand | undefined,
): Promise<void> {
  if (!command) {
    // A command registered by an older version of the bot, still in Discord's cache.
    await interaction.reply({
      content: 'This command is no longer available. Type / to see the current ones.',
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const outcome: Promise<Outcome> = command.execute(interaction, ctx).then(
    (text) => ({ ok: true, text }),
    (error: unknown) => ({ ok: false, error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deferAfterMs);
  });
  let result = await Promise.race([outcome, slow]);
  clearTimeout(timer);
  if (result === null) {
    await interaction.deferReply(command.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    result = await outcome;
  }
  if (!result.ok) {
    logCommandError(ctx.logger, result.error, {
      command: interaction.commandName,
      userId: interaction.user.id,
    });
  }
  const text = result.ok ? result.text : errorReply(result.error);
  if (interaction.deferred) {
    await interaction.editReply(message(text));
  } else {
    const ephemeral = command.ephemeral || !result.ok;
    await interaction.reply({ ...message(text), flags: ephemeral ? MessageFlags.Ephemeral : undefined });
  }
}
