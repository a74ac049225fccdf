import { imageDimensions } from '../../media/image-dimensions.ts';
import type * as Tg from '../types.ts';
import type { StoredFile } from './file-store.ts';
import { documentObject } from './input-file.ts';

/**
 * What the sender says about a video, animation or audio file. Telegram reads these from the file
 * itself; the emulator does not decode video or audio, so it takes the sender's word (0 when unsaid).
 */
export interface MediaDetails {
  duration?: number;
  width?: number;
  height?: number;
  performer?: string;
  title?: string;
  /** Stickers: the emoji the sticker stands for. */
  emoji?: string;
}

/** The message fields Telegram sets for a file of each kind (an animation also fills `document`). */
export function mediaContent(file: StoredFile, details: MediaDetails = {}): Partial<Tg.Message> {
  switch (file.kind) {
    case 'photo':
      return { photo: file.photoSizes ?? [] };
    case 'document':
      return { document: documentObject(file) };
    case 'video':
      return { video: videoObject(file, details) };
    case 'animation':
      return { animation: videoObject(file, details), document: documentObject(file) };
    case 'voice':
      return { voice: voiceObject(file, details) };
    case 'audio':
      return { audio: audioObject(file, details) };
    case 'sticker':
      return { sticker: stickerObject(file, details) };
  }
}

function ids(file: StoredFile) {
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId };
}

function videoObject(file: StoredFile, details: MediaDetails): Tg.Video {
  return {
    ...ids(file),
    width: details.width ?? 0,
    height: details.height ?? 0,
    duration: details.duration ?? 0,
    ...(file.name ? { file_name: file.name } : {}),
    ...(file.mimeType ? { mime_type: file.mimeType } : {}),
    file_size: file.size,
  };
}

function voiceObject(file: StoredFile, details: MediaDetails): Tg.Voice {
  return {
    ...ids(file),
    duration: details.duration ?? 0,
    ...(file.mimeType ? { mime_type: file.mimeType } : {}),
    file_size: file.size,
  };
}

function audioObject(file: StoredFile, details: MediaDetails): Tg.Audio {
  return {
    ...ids(file),
    duration: details.duration ?? 0,
    ...(details.performer ? { performer: details.performer } : {}),
    ...(details.title ? { title: details.title } : {}),
    ...(file.name ? { file_name: file.name } : {}),
    ...(file.mimeType ? { mime_type: file.mimeType } : {}),
    file_size: file.size,
  };
}

/** Static stickers are WEBP images (their size is read), animated ones .TGS, video ones .WEBM (512 px). */
function stickerObject(file: StoredFile, details: MediaDetails): Tg.Sticker {
  const size = imageDimensions(file.bytes) ?? { width: 512, height: 512 };
  const extension = file.path.split('.').pop()?.toLowerCase();
  return {
    ...ids(file),
    type: 'regular',
    width: size.width,
    height: size.height,
    is_animated: extension === 'tgs',
    is_video: extension === 'webm',
    ...(details.emoji ? { emoji: details.emoji } : {}),
    file_size: file.size,
  };
}
