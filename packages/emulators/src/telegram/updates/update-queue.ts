import { BotApiError, PollDroppedError } from '../errors.ts';
import type * as Tg from '../types.ts';

/** Update kinds a bot gets when it asks for none in particular (Telegram leaves these out unless named). */
const optInKinds = new Set<string>(['chat_member', 'message_reaction', 'message_reaction_count']);

interface Entry {
  update: Tg.Update;
  /** Fault injection: once confirmed, hand this update out once more. */
  duplicateOnConfirm: boolean;
  /** A copy being handed out again; dropped once the bot has seen it. */
  redelivery: boolean;
  returned: boolean;
}

interface Waiter {
  limit: number;
  resolve: (updates: Tg.Update[]) => void;
  reject: (error: Error) => void;
  cleanup: () => void;
}

/** A bot's update stream as saved with the world: ids never repeat, unconfirmed updates stay. */
export interface UpdateQueueState {
  lastUpdateId: number;
  pending: Tg.Update[];
  allowedUpdates?: string[];
}

export interface TakeRequest {
  offset: number;
  limit: number;
  timeoutMs: number;
  /** Aborted when the client goes away: the wait ends without consuming anything. */
  signal?: AbortSignal;
}

/**
 * One bot's pending updates, with Telegram's confirmation rule: an update stays until a getUpdates
 * call passes an offset above its id (or a webhook delivery succeeds), so it is redelivered after a
 * crash. Also holds the long-poll waiter: a new getUpdates ends the previous one with a 409, as
 * Telegram does when two bot instances poll.
 */
export class UpdateQueue {
  private entries: Entry[] = [];
  private waiter: Waiter | undefined;
  private lastUpdateId: number;
  private duplicatesToMark = 0;
  private allowed: Set<string> | undefined;
  private readonly pushListeners = new Set<() => void>();

  constructor(
    firstUpdateId: number,
    private readonly onDelivered: (updateIds: number[]) => void = () => {},
  ) {
    this.lastUpdateId = firstUpdateId - 1;
  }

  get pendingCount(): number {
    return this.entries.length;
  }

  get allowedUpdates(): string[] | undefined {
    return this.allowed ? [...this.allowed] : undefined;
  }

  /** Telegram keeps the last list a bot gave; an empty list means the default kinds. */
  setAllowedUpdates(kinds: string[] | undefined): void {
    if (kinds === undefined) return;
    this.allowed = kinds.length ? new Set(kinds) : undefined;
  }

  /** The next `count` updates are each delivered twice with the same update_id. */
  duplicateNext(count: number): void {
    this.duplicatesToMark += count;
  }

  onPush(listener: () => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  /** Queues an update unless the bot's allowed_updates leave its kind out; answers the update or undefined. */
  push(body: Tg.UpdateBody): Tg.Update | undefined {
    const kind = Object.keys(body)[0] ?? '';
    if (this.allowed ? !this.allowed.has(kind) : optInKinds.has(kind)) return undefined;
    this.lastUpdateId += 1;
    const update = { update_id: this.lastUpdateId, ...body };
    const duplicateOnConfirm = this.duplicatesToMark > 0;
    if (duplicateOnConfirm) this.duplicatesToMark -= 1;
    this.entries.push({ update, duplicateOnConfirm, redelivery: false, returned: false });
    this.wakeWaiter();
    for (const listener of this.pushListeners) listener();
    return update;
  }

  /**
   * getUpdates: confirms everything below `offset` (a negative offset keeps only the last -offset),
   * then answers at once if anything is pending, else waits up to `timeoutMs` for an update.
   */
  take(request: TakeRequest): Promise<Tg.Update[]> {
    this.confirm(request.offset);
    if (this.waiter) {
      this.finishWaiter((waiter) =>
        waiter.reject(
          BotApiError.conflict(
            'terminated by other getUpdates request; make sure that only one bot instance is running',
          ),
        ),
      );
    }
    if (request.signal?.aborted) return Promise.resolve([]);
    const ready = this.select(request.limit);
    if (ready.length > 0 || request.timeoutMs <= 0) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const onAbort = () => this.finishWaiter((waiter) => waiter.resolve([]));
      const timer = setTimeout(() => this.finishWaiter((waiter) => waiter.resolve([])), request.timeoutMs);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = {
        limit: request.limit,
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
        },
      };
    });
  }

  get isPolling(): boolean {
    return this.waiter !== undefined;
  }

  /** Ends a parked getUpdates with an error (a webhook was set) or drops its connection. */
  interruptPoll(error: Error = new PollDroppedError()): boolean {
    return this.finishWaiter((waiter) => waiter.reject(error));
  }

  /** Webhook delivery: the oldest pending update, not yet confirmed. */
  peek(): Tg.Update | undefined {
    return this.entries[0]?.update;
  }

  /** Webhook delivery succeeded for this update. */
  acknowledge(updateId: number): void {
    const index = this.entries.findIndex((entry) => entry.update.update_id === updateId);
    const [entry] = index >= 0 ? this.entries.splice(index, 1) : [];
    if (entry?.duplicateOnConfirm) this.entries.unshift(redeliveryOf(entry));
  }

  dropPending(): void {
    this.entries = [];
  }

  exportState(): UpdateQueueState {
    return {
      lastUpdateId: this.lastUpdateId,
      // A redelivery (fault injection) is a copy of an update that was confirmed: not pending.
      pending: this.entries.filter((entry) => !entry.redelivery).map((entry) => entry.update),
      allowedUpdates: this.allowedUpdates,
    };
  }

  /** Takes a saved stream over; `idGap` moves the next id past any the save may have missed. */
  importState(state: UpdateQueueState, idGap = 0): void {
    this.lastUpdateId = Math.max(this.lastUpdateId, state.lastUpdateId + idGap);
    this.entries = state.pending.map((update) => ({
      update,
      duplicateOnConfirm: false,
      redelivery: false,
      returned: false,
    }));
    this.setAllowedUpdates(state.allowedUpdates);
  }

  /** Forgets updates and settings, keeps the update_id sequence (ids never repeat for a bot). */
  reset(): void {
    this.entries = [];
    this.duplicatesToMark = 0;
  }

  private confirm(offset: number): void {
    const confirmedBelow =
      offset > 0
        ? offset
        : offset < 0
          ? (this.entries.filter((e) => !e.redelivery).at(offset)?.update.update_id ?? 0)
          : undefined;
    const redeliveries: Entry[] = [];
    this.entries = this.entries.filter((entry) => {
      if (entry.redelivery) return !entry.returned;
      if (confirmedBelow === undefined || entry.update.update_id >= confirmedBelow) return true;
      if (entry.duplicateOnConfirm) redeliveries.push(redeliveryOf(entry));
      return false;
    });
    // In front, so the bot's next offset (last id + 1) still confirms the newer updates after them.
    this.entries.unshift(...redeliveries);
  }

  private select(limit: number): Tg.Update[] {
    const chosen = this.entries.slice(0, limit);
    for (const entry of chosen) entry.returned = true;
    if (chosen.length > 0) this.onDelivered(chosen.map((entry) => entry.update.update_id));
    return chosen.map((entry) => entry.update);
  }

  private wakeWaiter(): void {
    const limit = this.waiter?.limit ?? 0;
    this.finishWaiter((waiter) => waiter.resolve(this.select(limit)));
  }

  private finishWaiter(settle: (waiter: Waiter) => void): boolean {
    const waiter = this.waiter;
    if (!waiter) return false;
    this.waiter = undefined;
    waiter.cleanup();
    settle(waiter);
    return true;
  }
}

function redeliveryOf(entry: Entry): Entry {
  return { update: entry.update, duplicateOnConfirm: false, redelivery: true, returned: false };
}
