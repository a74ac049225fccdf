import { startHeartbeat } from '../alerts/heartbeat.ts';
import type { Services } from './services.ts';

/**
 * This process's readiness heartbeat for the pager (src/alerts/heartbeat.ts), named as the process
 * names itself in SyncEvent.processedBy. `ready` is the process's own readiness, as `/readyz` says.
 */
export function startProcessHeartbeat(services: Services, role: string, ready: () => Promise<boolean>) {
  return startHeartbeat({
    redis: services.redis,
    prefix: services.queuePrefix,
    name: services.workerName,
    role,
    ready,
    logger: services.logger,
  });
}
