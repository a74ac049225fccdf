import { imageDimensions } from '../../media/image-dimensions.ts';
import type { UploadedFile } from '../bot-api/read-request.ts';
import { BotApiError } from '../errors.ts';
import type * as Tg from '../types.ts';
import { type FileKind, type FileStore, mimeTypeFor, type StoredFile } from './file-store.ts';

const maxPhotoBytes = 10 * 1024 * 1024;
const maxUrlBytes = 20 * 1024 * 1024;
/** The sides Telegram scales photos to (the original is kept up to 2560). */
const photoSides = [90, 320, 800, 1280, 2560];

/**
 * A photo or document given as an upload, a file_id the emulator issued, or an http(s) URL
 * (fetched, as Telegram would; offline, only local URLs work).
 */
export async function resolveInputFile(
  files: FileStore,
  input: UploadedFile | string | undefined,
  kind: FileKind,
): Promise<StoredFile> {
  if (input === undefined) throw BotApiError.badRequest(`there is no ${kind} in the request`);
  if (typeof input !== 'string') return storeFile(files, kind, input.bytes, input.filename, input.mimeType);
  const known = files.get(input);
  if (known) {
    if (known.kind !== kind) {
      throw BotApiError.badRequest(
        `can't use file of type ${tdlibTypeName[known.kind]} as ${tdlibTypeName[kind]}`,
      );
    }
    return known;
  }
  if (/^https?:\/\//i.test(input)) {
    const downloaded = await download(input);
    const name = decodeURIComponent(new URL(input).pathname.split('/').pop() || 'file');
    return storeFile(files, kind, downloaded.bytes, name, downloaded.mimeType);
  }
  throw BotApiError.badRequest('wrong file identifier/HTTP URL specified');
}

export function storeFile(
  files: FileStore,
  kind: FileKind,
  bytes: Buffer,
  name: string | undefined,
  declaredMime: string | undefined,
): StoredFile {
  if (bytes.length === 0) throw BotApiError.badRequest('file must be non-empty');
  if (kind !== 'photo') return files.add(kind, bytes, { name, mimeType: mimeTypeFor(name, declaredMime) });
  if (bytes.length > maxPhotoBytes) throw BotApiError.badRequest('PHOTO_INVALID_DIMENSIONS');
  const dimensions = imageDimensions(bytes);
  if (!dimensions || dimensions.width < 1 || dimensions.height < 1) {
    throw BotApiError.badRequest('IMAGE_PROCESS_FAILED');
  }
  const file = files.add('photo', bytes, { name, mimeType: mimeTypeFor(name, declaredMime) });
  file.photoSizes = photoSizes(files, file, dimensions);
  return file;
}

function photoSizes(
  files: FileStore,
  file: StoredFile,
  original: { width: number; height: number },
): Tg.PhotoSize[] {
  const longest = Math.max(original.width, original.height);
  const sides = photoSides.filter((side) => side < longest);
  const sizes = sides.map((side) => {
    const scale = side / longest;
    const width = Math.max(1, Math.round(original.width * scale));
    const height = Math.max(1, Math.round(original.height * scale));
    return {
      file_id: files.alias(file),
      file_unique_id: `${file.fileUniqueId}${side}`,
      width,
      height,
      file_size: Math.max(1, Math.round(file.size * scale * scale)),
    };
  });
  const scale = Math.min(1, 2560 / longest);
  sizes.push({
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    width: Math.round(original.width * scale),
    height: Math.round(original.height * scale),
    file_size: file.size,
  });
  return sizes;
}

export function documentObject(file: StoredFile): Tg.Document {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    ...(file.name ? { file_name: file.name } : {}),
    ...(file.mimeType ? { mime_type: file.mimeType } : {}),
    file_size: file.size,
  };
}

export function fileObject(file: StoredFile, fileId: string): Tg.File {
  return { file_id: fileId, file_unique_id: file.fileUniqueId, file_size: file.size, file_path: file.path };
}

async function download(url: string): Promise<{ bytes: Buffer; mimeType?: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > maxUrlBytes) throw BotApiError.badRequest('file is too big');
    return { bytes, mimeType: response.headers.get('content-type')?.split(';')[0] };
  } catch (error) {
    if (error instanceof BotApiError) throw error;
    throw BotApiError.badRequest('failed to get HTTP URL content');
  }
}

/** TDLib's names of file types, which its refusal of a file of the wrong type uses. */
const tdlibTypeName: Record<FileKind, string> = {
  photo: 'Photo',
  document: 'Document',
  video: 'Video',
  animation: 'Animation',
  voice: 'VoiceNote',
  audio: 'Audio',
  sticker: 'Sticker',
};
