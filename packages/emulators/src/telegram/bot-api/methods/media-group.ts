import { randomBytes } from 'node:crypto';
import { BotApiError } from '../../errors.ts';
import type { FileKind } from '../../media/file-store.ts';
import { resolveInputFile } from '../../media/input-file.ts';
import { mediaContent } from '../../media/media-objects.ts';
import type * as Tg from '../../types.ts';
import { postBotMessage } from '../bot-message.ts';
import { chatForBot } from '../chat-access.ts';
import type { Params } from '../params.ts';
import { readCaption } from './media.ts';
import type { MethodCall, MethodTable } from './method.ts';

/** The InputMedia types an album takes (animations and stickers cannot be grouped). */
const albumKinds = new Set<string>(['photo', 'video', 'document', 'audio']);
const maxAlbumItems = 10;

interface InputMedia {
  type: string;
  media?: unknown;
  caption?: unknown;
  parse_mode?: unknown;
  caption_entities?: unknown;
  width?: unknown;
  height?: unknown;
  duration?: unknown;
  performer?: unknown;
  title?: unknown;
}

function readAlbum(params: Params): InputMedia[] {
  const media = params.json('media', "can't parse media JSON object") ?? [];
  if (!Array.isArray(media)) throw BotApiError.badRequest("can't parse media JSON object");
  if (media.length === 0) throw BotApiError.badRequest('there are no messages to send');
  if (media.length > maxAlbumItems) throw BotApiError.badRequest('too many messages to send as an album');
  return media.map((item: unknown) => {
    const type = (item as { type?: unknown } | null)?.type;
    if (typeof type !== 'string')
      throw BotApiError.badRequest("can't parse InputMedia: media type is not specified");
    if (type === 'animation' || type === 'sticker') {
      throw BotApiError.badRequest(`can't parse InputMedia: type "${type}" can't be used in sendMediaGroup`);
    }
    if (!albumKinds.has(type))
      throw BotApiError.badRequest(`can't parse InputMedia: type "${type}" is unsupported`);
    return item as InputMedia;
  });
}

/**
 * Telegram's album rule: photos and videos mix freely; documents go only with documents and audio
 * files only with audio files.
 */
function checkMixing(kinds: string[]): void {
  const distinct = new Set(kinds);
  if (distinct.size < 2) return;
  const apart = kinds.find((kind) => kind === 'document' || kind === 'audio');
  if (apart) throw BotApiError.badRequest(`${apart} can't be mixed with other media types`);
}

function optionalInt(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * sendMediaGroup: 2-10 items become messages sharing one `media_group_id` (a single item is sent
 * alone, outside any album, as Telegram does). Every file is resolved before anything is posted, so
 * a refused album sends nothing.
 */
async function sendMediaGroup({ ctx, bot, params }: MethodCall): Promise<Tg.Message[]> {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'post');
  const items = readAlbum(params);
  checkMixing(items.map((item) => item.type));
  const prepared = [];
  for (const item of items) {
    const parseMode = optionalString(item.parse_mode);
    const caption = readCaption(optionalString(item.caption), parseMode, item.caption_entities);
    const reference =
      typeof item.media === 'string'
        ? params.attachment(item.media, "can't parse InputMedia: media not found")
        : undefined;
    if (reference === undefined) throw BotApiError.badRequest("can't parse InputMedia: media not found");
    const file = await resolveInputFile(ctx.files, reference, item.type as FileKind);
    const details = {
      width: optionalInt(item.width),
      height: optionalInt(item.height),
      duration: optionalInt(item.duration),
      performer: optionalString(item.performer),
      title: optionalString(item.title),
    };
    prepared.push({ content: { ...mediaContent(file, details), ...caption.fields }, caption, parseMode });
  }
  const groupId = prepared.length > 1 ? newMediaGroupId() : undefined;
  return prepared.map(({ content, caption, parseMode }) =>
    postBotMessage(
      ctx,
      bot,
      params,
      chat,
      { ...content, ...(groupId ? { media_group_id: groupId } : {}) },
      caption.raw ? { text: caption.raw, parseMode } : undefined,
    ),
  );
}

/** Telegram's album ids: the decimal text of a positive 64-bit number. */
function newMediaGroupId(): string {
  return (randomBytes(8).readBigUInt64BE(0) >> 1n).toString();
}

export const mediaGroupMethods: MethodTable = { sendMediaGroup };
