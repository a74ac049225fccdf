/**
 * Faults switched on through the control API: extra latency, the next N REST calls failing with
 * a 5xx, and 429 storms (global, or for matching routes) for a while. Gateway faults (drops,
 * op 7) live in the gateway server.
 */

/**
 * Which REST calls a fault hits: a route template as listed in the docs
 * (`PUT /guilds/:guildId/members/:userId/roles/:roleId`) or a path prefix, optionally after
 * a method (`/guilds/123/members`, `PUT /guilds/`). Null: every call.
 */
export type RouteMatcher = string | null;

export interface RestCallIdentity {
  method: string;
  /** Route template, e.g. `/guilds/:guildId/members/:userId`. */
  template: string;
  /** Concrete path under /api/v10, e.g. `/guilds/123/members/456`. */
  path: string;
}

interface ErrorRule {
  remaining: number;
  status: number;
  route: RouteMatcher;
}

export interface Storm {
  until: number;
  scope: 'global' | 'route';
  route: RouteMatcher;
}

function matches(matcher: RouteMatcher, call: RestCallIdentity): boolean {
  if (matcher === null) return true;
  const method = call.method.toUpperCase();
  return (
    matcher === `${method} ${call.template}` ||
    matcher === call.template ||
    call.path.startsWith(matcher) ||
    `${method} ${call.path}`.startsWith(matcher)
  );
}

export class FaultInjector {
  #latencyMs: number;
  #errors: ErrorRule[] = [];
  #storms: Storm[] = [];

  constructor(
    private readonly baseLatencyMs: number,
    private readonly now: () => number,
  ) {
    this.#latencyMs = baseLatencyMs;
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  setLatency(ms: number): void {
    this.#latencyMs = ms;
  }

  failNext(count: number, status: number, route: RouteMatcher): void {
    this.#errors.push({ remaining: count, status, route });
  }

  startStorm(durationMs: number, scope: 'global' | 'route', route: RouteMatcher): Storm {
    const storm = { until: this.now() + durationMs, scope, route };
    this.#storms.push(storm);
    return storm;
  }

  /** The status to fail this call with, consuming one from the matching rule. */
  takeError(call: RestCallIdentity): number | null {
    const rule = this.#errors.find((candidate) => candidate.remaining > 0 && matches(candidate.route, call));
    if (!rule) return null;
    rule.remaining--;
    this.#errors = this.#errors.filter((candidate) => candidate.remaining > 0);
    return rule.status;
  }

  /** The storm this call runs into; `includeGlobal` false for routes exempt from the global limit. */
  activeStorm(call: RestCallIdentity, includeGlobal: boolean): Storm | null {
    const now = this.now();
    this.#storms = this.#storms.filter((storm) => storm.until > now);
    return (
      (includeGlobal ? this.#storms.find((storm) => storm.scope === 'global') : undefined) ??
      this.#storms.find((storm) => storm.scope === 'route' && matches(storm.route, call)) ??
      null
    );
  }

  clear(): void {
    this.#latencyMs = this.baseLatencyMs;
    this.#errors = [];
    this.#storms = [];
  }

  describe(): Record<string, unknown> {
    const now = this.now();
    return {
      latencyMs: this.#latencyMs,
      errors: this.#errors.map(({ remaining, status, route }) => ({ remaining, status, route })),
      storms: this.#storms
        .filter((storm) => storm.until > now)
        .map(({ until, scope, route }) => ({ scope, route, remainingMs: until - now })),
    };
  }
}
