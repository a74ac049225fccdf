import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { BotApiError } from '../errors.ts';

export interface UploadedFile {
  /** The form field the file came in. */
  field: string;
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

export interface ApiRequestInput {
  values: Record<string, unknown>;
  files: Map<string, UploadedFile>;
}

/** Telegram's upload limit for bots on the public API. */
const maxUploadBytes = 50 * 1024 * 1024;
const maxJsonBytes = 10 * 1024 * 1024;

/**
 * Reads a Bot API call's parameters the ways Telegram accepts them: query string, JSON,
 * urlencoded or multipart body (body fields win over the query). Files come only from multipart.
 */
export async function readApiRequest(req: IncomingMessage, query: URLSearchParams): Promise<ApiRequestInput> {
  const values: Record<string, unknown> = Object.fromEntries(query);
  const files = new Map<string, UploadedFile>();
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (req.method === 'GET' || req.method === 'HEAD') return { values, files };

  if (contentType.startsWith('multipart/form-data')) {
    await readMultipart(req, values, files);
    return { values, files };
  }
  const raw = await readBody(req, maxJsonBytes);
  if (contentType.startsWith('application/json')) {
    if (raw.length === 0) return { values, files };
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw BotApiError.badRequest("can't parse JSON object");
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw BotApiError.badRequest("can't parse JSON object");
    }
    return { values: { ...values, ...body }, files };
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return { values: { ...values, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) }, files };
  }
  return { values, files };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw BotApiError.tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function readMultipart(
  req: IncomingMessage,
  values: Record<string, unknown>,
  files: Map<string, UploadedFile>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxUploadBytes, fieldSize: maxJsonBytes },
      });
    } catch {
      reject(BotApiError.badRequest('wrong multipart/form-data request'));
      return;
    }
    let failure: Error | undefined;
    parser.on('field', (name, value) => {
      values[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure = BotApiError.tooLarge();
      });
      stream.on('end', () => {
        files.set(field, {
          field,
          filename: info.filename ?? field,
          mimeType: info.mimeType,
          bytes: Buffer.concat(chunks),
        });
      });
    });
    parser.on('error', () => reject(BotApiError.badRequest('wrong multipart/form-data request')));
    parser.on('close', () => (failure ? reject(failure) : resolve()));
    req.pipe(parser);
  });
}
