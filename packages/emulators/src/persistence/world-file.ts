import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import type { RequestListener, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { fromTaggedJson, toTaggedJson } from './tagged-json.ts';

/** What the file holds besides the emulators' own state. */
export interface WorldFileContent<T> {
  version: 1;
  /** False while the emulators run: a file read with `false` was left by a process that died. */
  cleanStop: boolean;
  savedAt: string;
  state: T;
}

/** The saved world, or undefined when there is none yet; a file that cannot be read says why. */
export async function readWorldFile<T>(path: string): Promise<WorldFileContent<T> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const content = fromTaggedJson(text) as WorldFileContent<T>;
  if (content?.version !== 1 || typeof content.state !== 'object') {
    throw new Error(`${path} is not an emulator world file this version reads: move it away to start afresh`);
  }
  return content;
}

export interface WorldFileWriter {
  /** Something changed: the file is rewritten within `delayMs`, with whatever changed meanwhile. */
  changed(): void;
  /** Resolves once every change so far is on disk (at once when nothing is waiting to be written). */
  saved(): Promise<void>;
  /** Writes now (after any write under way); `cleanStop` marks the last write of a run. */
  flush(options?: { cleanStop?: boolean }): Promise<void>;
}

/**
 * Keeps a file in step with a world that changes often: at most one write per `delayMs`, each one
 * written to a temporary file, synced to disk and renamed over the old one, so a process killed
 * at any moment leaves either the previous or the new world, never half of one.
 */
export function createWorldFileWriter<T>(options: {
  path: string;
  snapshot: () => T;
  /** @defaultValue 50 */
  delayMs?: number;
  onError?: (error: unknown) => void;
}): WorldFileWriter {
  const delayMs = options.delayMs ?? 50;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  /** Changes announced, and how many of them the last finished write holds. */
  let changes = 0;
  let savedChanges = 0;
  const waiting: Array<{ upTo: number; resolve: () => void }> = [];

  const write = (cleanStop: boolean) => {
    const upTo = changes;
    const content: WorldFileContent<T> = {
      version: 1,
      cleanStop,
      savedAt: new Date().toISOString(),
      state: options.snapshot(),
    };
    // A failed write releases its waiters too: answers must not hang on a full disk (onError says so).
    const settle = () => {
      savedChanges = Math.max(savedChanges, upTo);
      for (const waiter of waiting.filter((w) => w.upTo <= savedChanges)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    };
    writing = writing.then(() => writeAtomically(options.path, toTaggedJson(content))).finally(settle);
    return writing;
  };

  return {
    changed() {
      changes += 1;
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        write(false).catch((error: unknown) => options.onError?.(error));
      }, delayMs);
      // A pending write does not keep a process alive that has nothing else to do.
      timer.unref();
    },
    saved() {
      if (savedChanges >= changes) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ upTo: changes, resolve }));
    },
    async flush({ cleanStop = false } = {}) {
      clearTimeout(timer);
      timer = undefined;
      await writing.catch(() => {});
      await write(cleanStop);
    },
  };
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Holds every HTTP answer of `listener` until `saved()` resolves, so whatever a request changed is
 * on disk before the caller hears it happened: a bot's sent message, a user's update, a role set.
 * A process killed right after an answer then still has what it answered about.
 */
export function answerOnceSaved(listener: RequestListener, saved: () => Promise<void>): RequestListener {
  return (req, res) => {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      void saved().then(() => end(...args));
      return res;
    }) as ServerResponse['end'];
    listener(req, res);
  };
}
