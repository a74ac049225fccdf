import { BotApiError } from '../../errors.ts';
import { formatText } from '../../formatting/format-text.ts';
import type { FileKind } from '../../media/file-store.ts';
import { fileObject, resolveInputFile } from '../../media/input-file.ts';
import { type MediaDetails, mediaContent } from '../../media/media-objects.ts';
import { postBotMessage } from '../bot-message.ts';
import { chatForBot } from '../chat-access.ts';
import type { Params } from '../params.ts';
import { maxCaptionLength } from './messages.ts';
import type { MethodCall, MethodTable } from './method.ts';

/** A caption as the send methods take it: `caption`, `parse_mode`, `caption_entities`. */
export function readCaption(
  caption: string | undefined,
  parseMode: string | undefined,
  entities: unknown,
): {
  fields: { caption?: string; caption_entities?: ReturnType<typeof formatText>['entities'] };
  raw: string;
} {
  const raw = caption ?? '';
  const formatted = formatText(raw, parseMode, entities);
  if (formatted.text.length > maxCaptionLength) throw BotApiError.badRequest('message caption is too long');
  return {
    raw,
    fields: {
      ...(formatted.text ? { caption: formatted.text } : {}),
      ...(formatted.entities.length ? { caption_entities: formatted.entities } : {}),
    },
  };
}

function readDetails(params: Params): MediaDetails {
  return {
    duration: params.int('duration'),
    width: params.int('width'),
    height: params.int('height'),
    performer: params.string('performer'),
    title: params.string('title'),
    emoji: params.string('emoji'),
  };
}

/** sendPhoto, sendDocument, sendVideo...: the file comes in the parameter named after its kind. */
async function sendMedia({ ctx, bot, params }: MethodCall, kind: FileKind) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'post');
  const parseMode = params.string('parse_mode');
  // Stickers carry no caption on Telegram.
  const caption =
    kind === 'sticker'
      ? { fields: {}, raw: '' }
      : readCaption(params.string('caption'), parseMode, params.entities('caption_entities'));
  const file = await resolveInputFile(ctx.files, params.file(kind), kind);
  return postBotMessage(
    ctx,
    bot,
    params,
    chat,
    { ...mediaContent(file, readDetails(params)), ...caption.fields },
    caption.raw ? { text: caption.raw, parseMode } : undefined,
  );
}

function getFile({ ctx, params }: MethodCall) {
  const fileId = params.string('file_id');
  if (!fileId) throw BotApiError.badRequest('file_id not specified');
  const file = ctx.files.get(fileId);
  if (!file) throw BotApiError.badRequest('invalid file_id');
  return fileObject(file, fileId);
}

export const mediaMethods: MethodTable = {
  sendPhoto: (call) => sendMedia(call, 'photo'),
  sendDocument: (call) => sendMedia(call, 'document'),
  sendVideo: (call) => sendMedia(call, 'video'),
  sendAnimation: (call) => sendMedia(call, 'animation'),
  sendVoice: (call) => sendMedia(call, 'voice'),
  sendAudio: (call) => sendMedia(call, 'audio'),
  sendSticker: (call) => sendMedia(call, 'sticker'),
  getFile,
};
