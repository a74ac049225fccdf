import type { EmulatorContext } from '../../actions/context.ts';
import type { GatewayConnection } from '../connection.ts';
import type { SessionStore } from '../session-store.ts';

export interface GatewayHandlerContext {
  emulator: EmulatorContext;
  sessions: SessionStore;
  /** READY `resume_gateway_url`: where clients reconnect to resume. */
  resumeGatewayUrl: () => string;
  /** Dispatches kept per session for RESUME. */
  replayLimit: number;
}

/** Handles one client opcode; `data` is the payload's `d`, not yet validated. */
export type OpcodeHandler = (
  gateway: GatewayHandlerContext,
  connection: GatewayConnection,
  data: unknown,
) => void;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
