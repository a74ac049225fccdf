import type { EmulatorContext } from '../actions/context.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import type { GatewayServer } from '../gateway/gateway-server.ts';
import type { RateLimiter } from '../ratelimit/rate-limiter.ts';

export interface ControlDeps {
  emulator: EmulatorContext;
  gateway: GatewayServer;
  faults: FaultInjector;
  limiter: RateLimiter;
}
