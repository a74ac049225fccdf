import { BotApiError } from './errors.ts';

export interface ServerErrorFault {
  /** Calls left to fail. */
  remaining: number;
  /** Only calls of this method (case-insensitive); otherwise any method but getUpdates. */
  method?: string;
  status: number;
}

export interface RateLimitStorm {
  /** Epoch ms when the storm ends. */
  until: number;
  /** `retry_after` in the answers; by default the whole seconds left in the storm. */
  retryAfter?: number;
  method?: string;
  /** Calls left to refuse, when the storm is limited to a number of calls too. */
  remaining?: number;
}

export interface FaultsSnapshot {
  latencyMs: number;
  serverErrors: ServerErrorFault[];
  rateLimitStorm?: RateLimitStorm;
}

/**
 * Faults injected into Bot API calls. Faults without a `method` spare getUpdates: a bot's long-poll
 * loop backs off for seconds after an error, which would stall every scripted scenario; name
 * getUpdates explicitly to disturb polling.
 */
export class FaultInjector {
  private serverErrors: ServerErrorFault[] = [];
  private storm: RateLimitStorm | undefined;

  constructor(
    public latencyMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  failNext(count: number, options: { method?: string; status?: number } = {}): void {
    this.serverErrors.push({ remaining: count, method: options.method, status: options.status ?? 500 });
  }

  /** 429 for every call (of `method`) during `durationMs`, or only for the first `count` of them. */
  rateLimitFor(
    durationMs: number,
    options: { retryAfter?: number; method?: string; count?: number } = {},
  ): void {
    this.storm = {
      until: this.now() + durationMs,
      retryAfter: options.retryAfter,
      method: options.method,
      remaining: options.count,
    };
  }

  /** The error a call of `method` must answer with now, if any; consumes one injected 5xx. */
  errorFor(method: string): BotApiError | undefined {
    const now = this.now();
    if (this.storm && this.storm.until <= now) this.storm = undefined;
    if (this.storm && applies(this.storm.method, method)) {
      const retryAfter = this.storm.retryAfter ?? Math.max(1, Math.ceil((this.storm.until - now) / 1000));
      if (this.storm.remaining !== undefined) {
        this.storm.remaining -= 1;
        if (this.storm.remaining <= 0) this.storm = undefined;
      }
      return BotApiError.tooManyRequests(retryAfter);
    }
    const fault = this.serverErrors.find((candidate) => applies(candidate.method, method));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0)
      this.serverErrors = this.serverErrors.filter((candidate) => candidate !== fault);
    return BotApiError.serverError(fault.status);
  }

  snapshot(): FaultsSnapshot {
    if (this.storm && this.storm.until <= this.now()) this.storm = undefined;
    return {
      latencyMs: this.latencyMs,
      serverErrors: this.serverErrors.map((fault) => ({ ...fault })),
      ...(this.storm ? { rateLimitStorm: { ...this.storm } } : {}),
    };
  }

  /** Clears injected errors and storms; latency goes back to `latencyMs`. */
  clear(latencyMs = 0): void {
    this.serverErrors = [];
    this.storm = undefined;
    this.latencyMs = latencyMs;
  }
}

function applies(faultMethod: string | undefined, method: string): boolean {
  if (faultMethod === undefined) return method.toLowerCase() !== 'getupdates';
  return faultMethod.toLowerCase() === method.toLowerCase();
}
