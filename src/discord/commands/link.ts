import { ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.ts';
import { linkCodeFormatText } from '../../linking/errors.ts';
import { issueLinkCode } from '../../linking/issue-link-code.ts';
import { redeemLinkCode } from '../../linking/redeem-link-code.ts';
import { linkCodeReply, linkedReply, linkPreviewReply } from '../../replies/link.ts';
import { linkPreviewButtons } from '../interactions/link-buttons.ts';
import { describedCommand, describedOption } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/** The typed code, as is (the linking service normalises case and spaces and judges the format). */
const typeTheCode = 'code: type the 6-character code, e.g. K7M2QX';
const codeOption = z.string().trim().min(1, typeTheCode).max(32, typeTheCode).optional();

/**
 * `/link` issues a code to send to the Telegram bot as `/link <code>`; `/link code:<code>` shows
 * what linking to the account that issued a Telegram code would do, with buttons to confirm or
 * cancel (src/discord/interactions/answer-link-button.ts). Always private: a code shown in a
 * channel could be used by anyone.
 */
export const linkCommand: SlashCommand = {
  definition: {
    ...describedCommand('link'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...describedOption('link', 'code'),
        minLength: 1,
        maxLength: 32,
      },
    ],
  },
  ephemeral: true,
  async execute(interaction, ctx, { t }) {
    const typed = interaction.options.getString('code') ?? undefined;
    const code = parseInput(codeOption, typed, 'link code', { [typeTheCode]: linkCodeFormatText });
    const identity = { platform: 'discord' as const, platformUserId: interaction.user.id };
    if (code === undefined) {
      return linkCodeReply(t, await issueLinkCode(ctx.deps.db, { ...identity, now: ctx.now() }), 'discord');
    }
    const redeemed = await redeemLinkCode(ctx.deps, { ...identity, code: code, now: ctx.now() });
    if (redeemed.kind === 'linked') return linkedReply(t, redeemed.result);
    return {
      text: linkPreviewReply(t, redeemed.preview, ctx.now()),
      components: linkPreviewButtons(t, redeemed.preview.confirmationId),
    };
  },
};
