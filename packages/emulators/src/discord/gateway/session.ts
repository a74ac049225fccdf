import { randomBytes } from 'node:crypto';
import type { SessionView } from '../events/emulator-events.ts';
import type { ApplicationRecord } from '../world/types.ts';
import { type GatewayPayload, Opcode } from './opcodes.ts';

/**
 * The session's side of a client's WebSocket (GatewayConnection): what it sends a dispatch through,
 * and what it cuts when a RESUME moves the session to a new connection. Declared here so the session
 * does not import the connection that holds it.
 */
export interface SessionConnection {
  session: GatewaySession | null;
  send(payload: GatewayPayload): void;
  terminate(): void;
}

/**
 * A gateway session: what IDENTIFY created, with its sequence numbers and the dispatches it
 * was sent, so a client that lost its connection can RESUME and get what it missed. Dispatches
 * made while no connection is attached are kept for that replay.
 */
export class GatewaySession {
  readonly id = randomBytes(16).toString('hex');
  #seq = 0;
  readonly #sent: GatewayPayload[] = [];
  connection: SessionConnection | null = null;

  constructor(
    readonly application: ApplicationRecord,
    readonly intents: number,
    readonly shard: readonly [number, number],
    readonly largeThreshold: number,
    /** How many dispatches are kept for RESUME. */
    private readonly replayLimit: number,
  ) {}

  get botUserId(): string {
    return this.application.botUserId;
  }

  get seq(): number {
    return this.#seq;
  }

  view(): SessionView {
    return { botUserId: this.botUserId, intents: this.intents, largeThreshold: this.largeThreshold };
  }

  /** Guilds go to shard `(guild_id >> 22) % shard_count`; DMs to shard 0. */
  covers(guildId: string | null): boolean {
    const [shardId, shardCount] = this.shard;
    if (guildId === null) return shardId === 0;
    return Number((BigInt(guildId) >> 22n) % BigInt(shardCount)) === shardId;
  }

  dispatch(event: string, data: unknown): void {
    const payload: GatewayPayload = { op: Opcode.Dispatch, t: event, s: ++this.#seq, d: data };
    this.#sent.push(payload);
    if (this.#sent.length > this.replayLimit) this.#sent.shift();
    this.connection?.send(payload);
  }

  attach(connection: SessionConnection): void {
    this.connection = connection;
    connection.session = this;
  }

  detach(): void {
    this.connection = null;
  }

  /** Dispatches after `seq`, or null when some of them are no longer kept (the client must re-identify). */
  missedSince(seq: number): GatewayPayload[] | null {
    if (seq > this.#seq || seq < 0) return null;
    const missed = this.#sent.filter((payload) => (payload.s ?? 0) > seq);
    const oldestKept = this.#sent[0]?.s ?? this.#seq + 1;
    if (seq + 1 < oldestKept && seq < this.#seq) return null;
    return missed;
  }
}
