import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { confirmLink, declineLink } from '../../linking/confirm-link.ts';
import { LinkConfirmationGoneError, NotYourLinkConfirmationError } from '../../linking/errors.ts';
import { errorReply } from '../../replies/errors.ts';
import { linkDeclinedReply, linkedReply, linkPreviewReply } from '../../replies/link.ts';
import type { Translate } from '../../texts/texts.ts';
import type { DiscordBotContext } from '../bot-context.ts';
import type { CommandAnswer } from '../commands/slash-command.ts';
import { readerOf, shippedTextsFor } from '../discord-identity.ts';
import { message } from './answer-command.ts';
import { linkPreviewButtons } from './link-buttons.ts';

/** As for commands: Discord drops a press not answered within 3 s, so slow work is deferred first. */
const deferAfterMs = 1_500;

type Outcome = { kind: 'update'; answer: CommandAnswer } | { kind: 'private'; text: string };

/**
 * A press on a link preview's button: the preview message is replaced by what happened (linked,
 * cancelled, a new preview when the accounts changed, or why nothing happened). A press by anyone
 * but the player who typed the code changes nothing and is answered to that person only.
 */
export async function answerLinkButton(
  ctx: DiscordBotContext,
  interaction: ButtonInteraction,
  answer: 'yes' | 'no',
  confirmationId: string,
): Promise<void> {
  const press = {
    platform: 'discord' as const,
    platformUserId: interaction.user.id,
    confirmationId,
    now: ctx.now(),
  };
  // The presser's language; when the player cannot be read (the database is away), their client's.
  let t = shippedTextsFor(interaction);
  const outcome = readerOf(ctx.deps, interaction)
    .then((reader) => {
      t = reader.t;
      return decide(ctx, t, answer, press);
    })
    .catch((error: unknown): Outcome => {
      if (error instanceof NotYourLinkConfirmationError)
        return { kind: 'private', text: errorReply(error, t) };
      if (error instanceof LinkConfirmationGoneError)
        return { kind: 'update', answer: { text: errorReply(error, t), components: [] } };
      ctx.logger.warn({ err: error, userId: interaction.user.id }, 'link button failed');
      return { kind: 'private', text: errorReply(error, t) };
    });
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deferAfterMs);
  });
  let result = await Promise.race([outcome, slow]);
  clearTimeout(timer);
  if (result === null) {
    await interaction.deferUpdate();
    result = await outcome;
  }
  if (result.kind === 'private') {
    const reply = { ...message(result.text), flags: MessageFlags.Ephemeral } as const;
    await (interaction.deferred ? interaction.followUp(reply) : interaction.reply(reply));
    return;
  }
  const update = message(result.answer.text, result.answer.components);
  await (interaction.deferred ? interaction.editReply(update) : interaction.update(update));
}

async function decide(
  ctx: DiscordBotContext,
  t: Translate,
  answer: 'yes' | 'no',
  press: Parameters<typeof confirmLink>[1],
): Promise<Outcome> {
  if (answer === 'no') {
    await declineLink(ctx.deps, press);
    return { kind: 'update', answer: { text: linkDeclinedReply(t), components: [] } };
  }
  const confirmed = await confirmLink(ctx.deps, press);
  if (confirmed.kind === 'linked')
    return { kind: 'update', answer: { text: linkedReply(t, confirmed.result), components: [] } };
  return {
    kind: 'update',
    answer: {
      text: linkPreviewReply(t, confirmed.preview, ctx.now()),
      components: linkPreviewButtons(t, confirmed.preview.confirmationId),
    },
  };
}
