/**
 * Follows the Discord emulator's activity stream (`GET /control/events`, Server-Sent Events) for the
 * rank-latency phase: role changes with the emulator's own timestamp (the moment the member's roles
 * changed in its world), and the REST calls the bot made (member edits, for pacing, and 429s).
 */

/** A role added to or removed from a member, as the emulator recorded it. */
export interface RoleChangeSeen {
  userId: string;
  roleId: string;
  action: 'add' | 'remove';
  actorKind: 'bot' | 'moderator';
  /** The emulator's clock (Date.now() of the bench process: the emulator runs in it), epoch ms. */
  at: number;
  /** When this process read it off the stream, epoch ms. */
  seenAt: number;
}

/** A REST call answered by the emulator. */
interface RestCall {
  method: string;
  path: string;
  status: number;
  /** When the answer was sent, epoch ms. */
  at: number;
}

/** Member edits share one Discord bucket per guild: PUT/DELETE a member's role, PATCH the member. */
const memberEditRoute = /^\/api\/v10\/guilds\/\d+\/members\/\d+(?:\/roles\/\d+)?(?:\?.*)?$/;

function isMemberEdit(call: RestCall): boolean {
  if (!memberEditRoute.test(call.path)) return false;
  return call.method === 'PATCH' || (/\/roles\//.test(call.path) && ['PUT', 'DELETE'].includes(call.method));
}

interface Waiter {
  matches(change: RoleChangeSeen): boolean;
  resolve(change: RoleChangeSeen): void;
}

export class DiscordActivity {
  readonly roleChanges: RoleChangeSeen[] = [];
  private readonly restCalls: RestCall[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly abort = new AbortController();
  private reading: Promise<void> = Promise.resolve();
  private closed = false;
  /** Member edits the emulator accepted (any status but 429), all run long. */
  memberEdits = 0;
  /** 429 answers, all run long. */
  rateLimited = 0;

  private constructor(private readonly controlUrl: string) {}

  /** Resolves once the stream is open: everything recorded from then on is seen. */
  static async open(controlUrl: string): Promise<DiscordActivity> {
    const activity = new DiscordActivity(controlUrl);
    await activity.connect();
    return activity;
  }

  private async connect(): Promise<void> {
    // The emulator subscribes the stream in the same tick as it sends the headers.
    const response = await fetch(`${this.controlUrl}/events`, { signal: this.abort.signal });
    if (!response.ok || !response.body)
      throw new Error(`GET ${this.controlUrl}/events -> ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    this.reading = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            this.onBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (error) {
        if (!this.closed)
          process.stderr.write(`discord activity stream failed: ${(error as Error).message}\n`);
      }
    })();
  }

  private onBlock(block: string): void {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    if (!data) return; // a keep-alive comment
    const event = JSON.parse(data) as { kind: string; at: string; [key: string]: unknown };
    if (event.kind === 'member.role') {
      const change = event.change as {
        userId: string;
        roleId: string;
        action: 'add' | 'remove';
        actorKind: 'bot' | 'moderator';
        at: string;
      };
      const seen: RoleChangeSeen = {
        userId: change.userId,
        roleId: change.roleId,
        action: change.action,
        actorKind: change.actorKind,
        at: Date.parse(change.at),
        seenAt: Date.now(),
      };
      this.roleChanges.push(seen);
      for (const waiter of this.waiters) if (waiter.matches(seen)) waiter.resolve(seen);
    } else if (event.kind === 'rest.request') {
      const call: RestCall = {
        method: String(event.method),
        path: String(event.path),
        status: Number(event.status),
        at: Date.parse(event.at),
      };
      if (call.status === 429) this.rateLimited++;
      if (call.status === 429 || isMemberEdit(call)) {
        if (call.status !== 429) this.memberEdits++;
        this.restCalls.push(call);
        // Only the last few windows matter for pacing and counting.
        while (this.restCalls.length > 0 && this.restCalls[0]!.at < call.at - 60_000) this.restCalls.shift();
      }
    }
  }

  /**
   * The first change of `roleId` on `userId` (`action`) recorded at or after `sinceMs`; rejects
   * after `timeoutMs`.
   */
  waitForRole(
    query: { userId: string; roleId: string; action: 'add' | 'remove'; sinceMs: number },
    timeoutMs: number,
  ): Promise<RoleChangeSeen> {
    const matches = (c: RoleChangeSeen) =>
      c.userId === query.userId &&
      c.roleId === query.roleId &&
      c.action === query.action &&
      c.at >= query.sinceMs;
    const logged = this.roleChanges.find(matches);
    if (logged) return Promise.resolve(logged);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve: (change) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(change);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(`role ${query.roleId} not ${query.action}ed on ${query.userId} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Member edits the emulator accepted in the `windowMs` before now (a 429 does not count). */
  memberEditsWithin(windowMs: number): number {
    const since = Date.now() - windowMs;
    return this.restCalls.filter((c) => c.status !== 429 && c.at >= since && isMemberEdit(c)).length;
  }

  /** 429 answers sent between two instants. */
  rateLimitedBetween(fromMs: number, toMs: number): number {
    return this.restCalls.filter((c) => c.status === 429 && c.at >= fromMs && c.at <= toMs).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    await this.reading;
  }
}
