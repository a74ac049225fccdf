import type { Router } from 'express';
import type { ControlDeps } from '../control-deps.ts';
import { controlRoute, parseInput } from '../control-route.ts';
import {
  gatewayDownBody,
  gatewayDropBody,
  gatewayReconnectBody,
  latencyBody,
  rateLimitStormBody,
  restErrorsBody,
} from '../schemas.ts';

/** Fault injection: latency, 5xx, 429 storms, gateway drops, op 7 and a gateway that is down. */
export function mountFaultRoutes(router: Router, deps: ControlDeps): void {
  const { faults, gateway, emulator } = deps;

  controlRoute(router, 'get', '/faults', () => ({
    body: { ...faults.describe(), gatewayDown: gateway.isDown },
  }));

  controlRoute(router, 'delete', '/faults', () => {
    faults.clear();
    gateway.up();
    emulator.events.record('fault.cleared');
    return {};
  });

  controlRoute(router, 'put', '/faults/latency', (input) => {
    const { ms } = parseInput(latencyBody, input.body);
    faults.setLatency(ms);
    emulator.events.record('fault.latency', { ms });
    return { body: faults.describe() };
  });

  controlRoute(router, 'post', '/faults/rest-errors', (input) => {
    const body = parseInput(restErrorsBody, input.body);
    faults.failNext(body.count, body.status, body.route ?? null);
    emulator.events.record('fault.rest-errors', body);
    return { body: faults.describe() };
  });

  controlRoute(router, 'post', '/faults/rate-limit', (input) => {
    const body = parseInput(rateLimitStormBody, input.body);
    faults.startStorm(body.durationMs, body.scope, body.route ?? null);
    emulator.events.record('fault.rate-limit', body);
    return { body: faults.describe() };
  });

  controlRoute(router, 'post', '/faults/gateway/drop', (input) => {
    const body = parseInput(gatewayDropBody, input.body);
    return { body: { connections: gateway.drop(body.mode, body.botUserId) } };
  });

  controlRoute(router, 'post', '/faults/gateway/down', (input) => {
    const body = parseInput(gatewayDownBody, input.body ?? {});
    return { body: { connections: gateway.down(body.durationMs) } };
  });

  controlRoute(router, 'post', '/faults/gateway/reconnect', (input) => {
    const body = parseInput(gatewayReconnectBody, input.body);
    return { body: { connections: gateway.requestReconnect(body.botUserId) } };
  });
}
