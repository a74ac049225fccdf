import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { UploadedFile } from '../actions/messages.ts';
import { DiscordApiError, discordErrors } from '../errors.ts';

/** Discord's upload cap for bots without boosts; bigger bodies get 40005. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

const tooLarge = () => new DiscordApiError(413, 40005, 'Request entity too large');

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

function readRaw(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(tooLarge());
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw discordErrors.invalidJson();
  }
}

/**
 * `multipart/form-data` as discord.js sends uploads: `payload_json` holds the JSON body and
 * `files[n]` the files. Other fields are merged into the body as strings.
 */
function readMultipart(request: IncomingMessage): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { fileSize: MAX_BODY_BYTES } });
    } catch {
      reject(
        discordErrors.invalidFormBody({
          _errors: [{ code: 'BASE_TYPE_BAD_TYPE', message: 'Malformed multipart body.' }],
        }),
      );
      return;
    }
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    const pending: Promise<void>[] = [];
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      pending.push(
        new Promise((done, fail) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('limit', () => fail(tooLarge()));
          stream.on('end', () => {
            files.push({
              filename: info.filename ?? 'file',
              contentType: info.mimeType || null,
              data: Buffer.concat(chunks),
            });
            done();
          });
          stream.on('error', fail);
        }),
      );
    });
    parser.on('error', () =>
      reject(
        discordErrors.invalidFormBody({
          _errors: [{ code: 'BASE_TYPE_BAD_TYPE', message: 'Malformed multipart body.' }],
        }),
      ),
    );
    parser.on('close', () => {
      Promise.all(pending)
        .then(() => {
          const { payload_json: payloadJson, ...rest } = fields;
          const body =
            payloadJson !== undefined
              ? parseJson(payloadJson)
              : Object.keys(rest).length > 0
                ? rest
                : undefined;
          resolve({ body, files });
        })
        .catch(reject);
    });
    request.pipe(parser);
  });
}

/** Reads a JSON or multipart body; an empty body is `undefined`. Bad JSON is 50109. */
export async function readBody(request: IncomingMessage): Promise<ParsedBody> {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return readMultipart(request);
  const raw = await readRaw(request);
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  }
  // Discord reads any other body as JSON.
  return { body: parseJson(raw.toString('utf8')), files: [] };
}
