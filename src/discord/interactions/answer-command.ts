import { type ChatInputCommandInteraction, MessageFlags, type MessageMentionOptions } from 'discord.js';
import { errorReply } from '../../replies/errors.ts';
import type { DiscordBotContext } from '../bot-context.ts';
import type { CommandAnswer, SlashCommand } from '../commands/slash-command.ts';

/**
 * How long a command may run before the bot defers its answer. Discord drops an interaction not
 * answered within 3 s; the rest of the budget covers the round trip of the deferral itself.
 */
const deferAfterMs = 1_500;

/** Discord refuses longer messages; a reply that long is a bug, but the player should still see most of it. */
const maxMessageLength = 2_000;

type Outcome = { ok: true; answer: CommandAnswer } | { ok: false; error: unknown };

/**
 * Nobody gets pinged by a reply: names in a leaderboard or profile could read `@everyone`, and
 * Tandem's texts never mean to notify anyone.
 */
export function message(
  text: string,
  components: CommandAnswer['components'] = [],
): { content: string; allowedMentions: MessageMentionOptions; components: CommandAnswer['components'] } {
  const content = text.length > maxMessageLength ? `${text.slice(0, maxMessageLength - 1)}…` : text;
  return { content, allowedMentions: { parse: [] }, components };
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
    (answer) => ({
      ok: true,
      answer: typeof answer === 'string' ? { text: answer, components: [] } : answer,
    }),
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
    ctx.logger.warn(
      { err: result.error, command: interaction.commandName, userId: interaction.user.id },
      'slash command failed',
    );
  }
  const reply = result.ok
    ? message(result.answer.text, result.answer.components)
    : message(errorReply(result.error));
  if (interaction.deferred) {
    await interaction.editReply(reply);
  } else {
    const ephemeral = command.ephemeral || !result.ok;
    await interaction.reply({ ...reply, flags: ephemeral ? MessageFlags.Ephemeral : undefined });
  }
}
