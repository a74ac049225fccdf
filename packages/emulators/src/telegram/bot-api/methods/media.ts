import { BotApiError } from '../../errors.ts';
import { formatText } from '../../formatting/format-text.ts';
import type { FileKind } from '../../media/file-store.ts';
import { documentObject, fileObject, resolveInputFile } from '../../media/input-file.ts';
import type * as Tg from '../../types.ts';
import { postBotMessage } from '../bot-message.ts';
import { chatForBot } from '../chat-access.ts';
import { maxCaptionLength } from './messages.ts';
import type { MethodCall, MethodTable } from './method.ts';

async function sendMedia({ ctx, bot, params }: MethodCall, kind: FileKind) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'post');
  const raw = params.string('caption') ?? '';
  const parseMode = params.string('parse_mode');
  const caption = formatText(raw, parseMode, params.json('caption_entities'));
  if (caption.text.length > maxCaptionLength) throw BotApiError.badRequest('message caption is too long');
  const file = await resolveInputFile(ctx.files, params.file(kind), kind);
  const media: Partial<Tg.Message> =
    kind === 'photo' ? { photo: file.photoSizes ?? [] } : { document: documentObject(file) };
  return postBotMessage(
    ctx,
    bot,
    params,
    chat,
    {
      ...media,
      ...(caption.text ? { caption: caption.text } : {}),
      ...(caption.entities.length ? { caption_entities: caption.entities } : {}),
    },
    raw ? { text: raw, parseMode } : undefined,
  );
}

function getFile({ ctx, params }: MethodCall) {
  const fileId = params.string('file_id');
  if (!fileId) throw BotApiError.badRequest('file_id is empty');
  const file = ctx.files.get(fileId);
  if (!file) throw BotApiError.badRequest('invalid file_id');
  return fileObject(file, fileId);
}

export const mediaMethods: MethodTable = {
  sendPhoto: (call) => sendMedia(call, 'photo'),
  sendDocument: (call) => sendMedia(call, 'document'),
  getFile,
};
