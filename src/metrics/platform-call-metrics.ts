import { Counter, Histogram, type Registry } from 'prom-client';

/** The kinds of platform call, few on purpose: a label value per API method would mean little to an operator. */
export type PlatformCallKind =
  | 'role_write'
  | 'dm'
  | 'message'
  | 'member_title'
  | 'member_list'
  | 'guild_read'
  | 'guild_write';

/** `rate_limited`: a 429; `refused`: an answer retrying cannot change (a permission, a blocked bot). */
export type PlatformCallOutcome = 'ok' | 'rate_limited' | 'refused' | 'error';

export interface PlatformCall {
  platform: 'telegram' | 'discord';
  kind: PlatformCallKind;
}

export interface PlatformCallMetrics {
  observe(call: PlatformCall, outcome: PlatformCallOutcome, seconds: number): void;
}

export function createPlatformCallMetrics(registry: Registry): PlatformCallMetrics {
  const calls = new Counter({
    name: 'tandem_platform_calls_total',
    help: 'Calls to the Telegram and Discord APIs made for the sync engine, by platform, kind and outcome (ok, rate_limited, refused, error).',
    labelNames: ['platform', 'kind', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tandem_platform_call_duration_seconds',
    help: 'Time a call to the Telegram or Discord API took, by platform and kind.',
    labelNames: ['platform', 'kind'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [registry],
  });
  return {
    observe({ platform, kind }, outcome, seconds) {
      calls.inc({ platform, kind, outcome });
      duration.observe({ platform, kind }, seconds);
    },
  };
}
