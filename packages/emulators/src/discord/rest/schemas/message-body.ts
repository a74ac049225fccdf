import { z } from 'zod';
import type { UploadedFile } from '../../actions/messages.ts';
import { discordErrors, formError } from '../../errors.ts';
import { parseForm } from '../form-errors.ts';

const embed = z.looseObject({
  title: z.string().max(256).optional(),
  description: z.string().max(4096).optional(),
  fields: z
    .array(
      z.looseObject({
        name: z.string().max(256),
        value: z.string().max(1024),
        inline: z.boolean().optional(),
      }),
    )
    .max(25)
    .optional(),
  footer: z.looseObject({ text: z.string().max(2048) }).optional(),
  author: z.looseObject({ name: z.string().max(256) }).optional(),
});

/** A message body (channel messages, interaction replies, follow-ups, edits). */
export const messageBody = z.looseObject({
  content: z.string().max(2000).nullish(),
  embeds: z.array(embed).max(10).nullish(),
  components: z
    .array(z.looseObject({ type: z.number().int() }))
    .max(40)
    .nullish(),
  flags: z.number().int().nonnegative().nullish(),
  tts: z.boolean().nullish(),
  nonce: z.union([z.string().max(25), z.number().int()]).nullish(),
  allowed_mentions: z.looseObject({}).nullish(),
  message_reference: z
    .looseObject({
      message_id: z.string().optional(),
      channel_id: z.string().optional(),
      guild_id: z.string().optional(),
      fail_if_not_exists: z.boolean().optional(),
    })
    .nullish(),
  attachments: z.array(z.looseObject({})).nullish(),
  sticker_ids: z.array(z.string()).max(3).nullish(),
  poll: z.looseObject({}).nullish(),
});

export type MessageBodyInput = z.output<typeof messageBody>;

/** Parses a message body (50035 on bad fields, including embeds over 6,000 characters in total). */
export function parseMessageBody(value: unknown): MessageBodyInput {
  const body = parseForm(messageBody, value ?? {});
  if (!embedsWithinTotal(body)) {
    throw discordErrors.invalidFormBody(
      formError(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000'),
    );
  }
  return body;
}

/** The message fields actions take, from a parsed body. */
export function messageFields(body: MessageBodyInput): {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  flags?: number;
  tts?: boolean;
} {
  return {
    ...(body.content != null ? { content: body.content } : {}),
    ...(body.embeds != null ? { embeds: body.embeds } : {}),
    ...(body.components != null ? { components: body.components } : {}),
    ...(body.flags != null ? { flags: body.flags } : {}),
    ...(body.tts != null ? { tts: body.tts } : {}),
  };
}

/** Discord refuses a message with nothing in it (50006). */
export function assertNotEmpty(body: MessageBodyInput, files: UploadedFile[]): void {
  const hasContent = typeof body.content === 'string' && body.content.length > 0;
  const hasSomething =
    hasContent ||
    (body.embeds?.length ?? 0) > 0 ||
    (body.components?.length ?? 0) > 0 ||
    (body.sticker_ids?.length ?? 0) > 0 ||
    files.length > 0 ||
    body.poll != null;
  if (!hasSomething) throw discordErrors.cannotSendEmptyMessage();
}

/** Total embed text over Discord's 6,000 characters fails as 50035. */
function embedsWithinTotal(body: MessageBodyInput): boolean {
  const total = (body.embeds ?? []).reduce((sum, e) => {
    const fields = (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0);
    return (
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      fields +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0)
    );
  }, 0);
  return total <= 6000;
}
