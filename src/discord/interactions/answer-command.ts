import {
  type ChatInputCommandInteraction,
  type InteractionDeferReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type MessageMentionOptions,
} from 'discord.js';
import { errorReply } from '../../replies/errors.ts';
import type { Translate } from '../../texts/texts.ts';
import type { DiscordBotContext } from '../bot-context.ts';
import type { CommandAnswer, SlashCommand } from '../commands/slash-command.ts';
import { readerOf, shippedTextsFor } from '../discord-identity.ts';
import { logCommandError } from './log-command-error.ts';
import {
  AnswerNotDeliveredError,
  deferredAnswerMaxWaitMs,
  firstResponseWindowMs,
  sendWithin,
} from './send-within.ts';

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
 *
 * Each response waits out Discord's 429s only while it can still arrive in time (sendWithin); an
 * answer that cannot is logged at warn with its text, and nothing else is tried: the interaction
 * is gone, and the command's work stands.
 */
export async function answerCommand(
  ctx: DiscordBotContext,
  interaction: ChatInputCommandInteraction,
  command: SlashCommand | undefined,
): Promise<void> {
  if (!command) {
    // A command registered by an older version of the bot, still in Discord's cache.
    const t = await readerOf(ctx.deps, interaction).then(
      (reader) => reader.t,
      () => shippedTextsFor(interaction),
    );
    await interaction.reply({ content: t('reply.commandGone'), flags: MessageFlags.Ephemeral });
    return;
  }
  // The interaction's clock starts when Discord sent it; this is as close as the bot can tell.
  const firstResponseBy = Date.now() + firstResponseWindowMs;
  // Errors are told in the reader's language once the player is known (first contact creates them
  // under the Discord name), else in their client's.
  let t = shippedTextsFor(interaction);
  const outcome: Promise<Outcome> = readerOf(ctx.deps, interaction)
    .then((reader) => {
      t = reader.t;
      return command.execute(interaction, ctx, reader);
    })
    .then(
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
  try {
    if (result === null) {
      const options: InteractionDeferReplyOptions = command.ephemeral
        ? { flags: MessageFlags.Ephemeral }
        : {};
      await sendWithin(() => interaction.deferReply(options), firstResponseBy);
      result = await outcome;
    }
    logFailure(ctx, interaction, result);
    const answer = result.ok
      ? message(result.answer.text, result.answer.components)
      : message(textOf(result, t));
    if (interaction.deferred) {
      const answerBy = Date.now() + deferredAnswerMaxWaitMs;
      await sendWithin(() => interaction.editReply(answer), answerBy);
    } else {
      const ephemeral = command.ephemeral || !result.ok;
      const reply: InteractionReplyOptions = {
        ...answer,
        flags: ephemeral ? MessageFlags.Ephemeral : undefined,
      };
      await sendWithin(() => interaction.reply(reply), firstResponseBy);
    }
  } catch (error) {
    if (!(error instanceof AnswerNotDeliveredError)) throw error;
    // A deferral that could not be sent leaves the command running: what it says is what was lost.
    const finished = result ?? (await outcome);
    if (result === null) logFailure(ctx, interaction, finished);
    ctx.logger.warn(
      {
        command: interaction.commandName,
        userId: interaction.user.id,
        interactionId: interaction.id,
        reason: error.message,
        lost: textOf(finished, t),
      },
      'Discord refused the answer to a slash command until too late; it was not delivered',
    );
  }
}

function textOf(result: Outcome, t: Translate): string {
  return result.ok ? result.answer.text : errorReply(result.error, t);
}

function logFailure(ctx: DiscordBotContext, interaction: ChatInputCommandInteraction, result: Outcome): void {
  if (result.ok) return;
  logCommandError(ctx.logger, result.error, {
    command: interaction.commandName,
    userId: interaction.user.id,
  });
}
