import { randomBytes } from 'node:crypto';
import type * as Tg from '../types.ts';

export type FileKind = 'photo' | 'document' | 'video' | 'animation' | 'voice' | 'audio' | 'sticker';

/**
 * Per kind: the folder of its `file_path`, the extension when the name gives none, and the start of
 * its file_ids (Telegram's ids begin with a type tag, so ids of different kinds look different).
 */
const kindTraits: Record<FileKind, { folder: string; extension: string; idPrefix: string }> = {
  photo: { folder: 'photos', extension: 'jpg', idPrefix: 'AgACAgIAAxkBAA' },
  document: { folder: 'documents', extension: 'dat', idPrefix: 'BQACAgIAAxkBAA' },
  video: { folder: 'videos', extension: 'mp4', idPrefix: 'BAACAgIAAxkBAA' },
  animation: { folder: 'animations', extension: 'mp4', idPrefix: 'CgACAgIAAxkBAA' },
  voice: { folder: 'voice', extension: 'oga', idPrefix: 'AwACAgIAAxkBAA' },
  audio: { folder: 'music', extension: 'mp3', idPrefix: 'CQACAgIAAxkBAA' },
  sticker: { folder: 'stickers', extension: 'webp', idPrefix: 'CAACAgIAAxkBAA' },
};

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  kind: FileKind;
  size: number;
  name?: string;
  mimeType?: string;
  /** getFile's `file_path`, also the download path under `/file/bot<token>/`. */
  path: string;
  bytes: Buffer;
  /** Photos: every size Telegram made, smallest first (this file is the largest). */
  photoSizes?: Tg.PhotoSize[];
}

/** Files bots and users sent, by file_id (each photo size has its own id, pointing to the same bytes). */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private seq = 0;

  add(kind: FileKind, bytes: Buffer, details: { name?: string; mimeType?: string } = {}): StoredFile {
    this.seq += 1;
    const traits = kindTraits[kind];
    const extension = details.name?.match(/\.([A-Za-z0-9]{1,8})$/)?.[1] ?? traits.extension;
    const file: StoredFile = {
      fileId: newFileId(kind),
      fileUniqueId: newUniqueId(),
      kind,
      size: bytes.length,
      name: details.name,
      mimeType: details.mimeType,
      path: `${traits.folder}/file_${this.seq}.${extension}`,
      bytes,
    };
    this.byId.set(file.fileId, file);
    return file;
  }

  /** Another file_id for the same bytes (a smaller photo size). */
  alias(file: StoredFile): string {
    const fileId = newFileId(file.kind);
    this.byId.set(fileId, file);
    return fileId;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  byPath(path: string): StoredFile | undefined {
    return [...this.byId.values()].find((file) => file.path === path);
  }

  clear(): void {
    this.byId.clear();
  }
}

/** Shaped like Telegram's: a type prefix and ~70 characters of base64url. */
function newFileId(kind: FileKind): string {
  return `${kindTraits[kind].idPrefix}${randomBytes(48).toString('base64url')}`;
}

function newUniqueId(): string {
  return `AQAD${randomBytes(9).toString('base64url')}`;
}

/**
 * Telegram derives a document's MIME type from its name; the part's own type is a fallback (telegraf
 * sends none, and multipart parsers then report text/plain).
 */
export function mimeTypeFor(name: string | undefined, declared: string | undefined): string {
  const extension = name?.split('.').pop()?.toLowerCase() ?? '';
  return mimeByExtension[extension] ?? declared ?? 'application/octet-stream';
}

const mimeByExtension: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  pdf: 'application/pdf',
  zip: 'application/zip',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  webm: 'video/webm',
  tgs: 'application/x-tgsticker',
};
