import { Gauge, type Registry } from 'prom-client';

/** A whole process's readiness, as its `/readyz` answers it. */
export type ReadinessSource = () => boolean | Promise<boolean>;

export interface ReadinessMetric {
  /** From now on `tandem_process_ready` reads this at each scrape (0 until a source is given). */
  follow(source: ReadinessSource): void;
}

/** A source that has not answered by then counts as not ready: a hung dependency must not hang the scrape. */
const sourceTimeoutMs = 2000;

export function createReadinessMetric(registry: Registry, processName: string): ReadinessMetric {
  let source: ReadinessSource | undefined;
  new Gauge({
    name: 'tandem_process_ready',
    help: 'Whether the process is ready (1) or not (0), as its /readyz answers, by process role.',
    labelNames: ['process'] as const,
    registers: [registry],
    async collect() {
      this.set({ process: processName }, (await readyWithin(source)) ? 1 : 0);
    },
  });
  return {
    follow(next) {
      source = next;
    },
  };
}

async function readyWithin(source: ReadinessSource | undefined): Promise<boolean> {
  if (!source) return false;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), sourceTimeoutMs);
  });
  try {
    return (await Promise.race([Promise.resolve().then(source), timedOut])) === true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
