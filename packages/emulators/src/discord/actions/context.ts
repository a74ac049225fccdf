import type { EmulatorEvents } from '../events/emulator-events.ts';
import type { SnowflakeGenerator } from '../snowflake.ts';
import type { World } from '../world/world.ts';

/** What every world-changing action needs: the state, the event streams, ids and the clock. */
export interface EmulatorContext {
  world: World;
  events: EmulatorEvents;
  ids: SnowflakeGenerator;
  now: () => number;
  /** Base URL of the running emulator, for attachment links. */
  baseUrl: () => string;
  interactions: {
    /** Time a bot has for its first response to an interaction (Discord: 3 s). */
    responseTimeoutMs: number;
    /** How long an interaction token accepts edits and follow-ups (Discord: 15 min). */
    tokenLifetimeMs: number;
  };
}
