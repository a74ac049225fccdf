/**
 * Limits of the live feed, so one browser, script or address cannot hold the API's sockets or keep it
 * busy: open connections per admin and per client address, and messages per second per connection
 * (the panel sends none; anything a client sends is read and dropped).
 *
 * Counted per API process: with sticky sessions (which the feed's long polling needs behind a load
 * balancer) a client's connections all reach the same process.
 */
export interface LiveLimits {
  /** Open live connections of one admin (tabs, devices). @defaultValue 20 */
  perAdmin: number;
  /** Open live connections from one client address (an office behind one NAT has several admins). @defaultValue 50 */
  perAddress: number;
  /** Messages one connection may send a second; past it the connection is closed. @defaultValue 5 */
  messagesPerSecond: number;
}

export const defaultLiveLimits: LiveLimits = { perAdmin: 20, perAddress: 50, messagesPerSecond: 5 };

/** What a refused or closed client is told: socket.io's `connect_error` message, or the `refused` event. */
export type LiveRefusal = 'too_many_connections' | 'too_many_messages';

/** Open connections by key (an admin, an address), counted up when one opens and down when it closes. */
export class ConnectionCounts {
  private readonly counts = new Map<string, number>();

  /** Counts one more for `key` unless that would pass `limit`; false when refused. */
  take(key: string, limit: number): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= limit) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  release(key: string): void {
    const count = (this.counts.get(key) ?? 0) - 1;
    if (count > 0) this.counts.set(key, count);
    else this.counts.delete(key);
  }

  of(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/** Messages of one connection in the current second; `allow` says whether one more is within the limit. */
export class MessageRate {
  private second = 0;
  private count = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(): boolean {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.count = 0;
    }
    this.count += 1;
    return this.count <= this.perSecond;
  }
}
