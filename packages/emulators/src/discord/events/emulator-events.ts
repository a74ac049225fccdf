/**
 * The two streams inside the emulator: gateway dispatches that the world asks for (the gateway
 * decides which sessions get them) and the activity record that the control API reads and streams.
 */

/** Which bots a dispatch concerns: every bot in a guild (but one), or one bot (its DMs, its interactions). */
export type DispatchAudience =
  | { guildId: string; exceptBotUserId?: string }
  /** `guildId` routes it to the shard that holds that guild; without it, shard 0 (DMs). */
  | { botUserId: string; guildId?: string | null };

/** What a session is allowed to see, for payloads that differ by intent. */
export interface SessionView {
  botUserId: string;
  intents: number;
  /** IDENTIFY `large_threshold`: above this many members a guild is "large". */
  largeThreshold: number;
}

/** Facts the dispatcher needs to decide whether message content is visible (MessageContent intent). */
export interface MessageVisibility {
  authorId: string;
  mentionUserIds: readonly string[];
  isDirectMessage: boolean;
}

export interface DispatchRequest {
  event: string;
  audience: DispatchAudience;
  /** The payload, or a function building it per session (null: that session gets nothing). */
  data: Record<string, unknown> | ((view: SessionView) => Record<string, unknown> | null);
  message?: MessageVisibility;
}

export interface ActivityEvent {
  /** Increasing number, usable as the SSE `id`. */
  seq: number;
  at: string;
  kind: string;
  [detail: string]: unknown;
}

type Listener<T> = (value: T) => void;

export class EmulatorEvents {
  readonly #dispatchListeners = new Set<Listener<DispatchRequest>>();
  readonly #activityListeners = new Set<Listener<ActivityEvent>>();
  readonly #history: ActivityEvent[] = [];
  #seq = 0;

  constructor(
    private readonly now: () => number,
    /** How many activity events are kept for late readers. */
    private readonly historySize = 1000,
  ) {}

  dispatch(request: DispatchRequest): void {
    for (const listener of this.#dispatchListeners) listener(request);
  }

  onDispatch(listener: Listener<DispatchRequest>): () => void {
    this.#dispatchListeners.add(listener);
    return () => this.#dispatchListeners.delete(listener);
  }

  record(kind: string, detail: Record<string, unknown> = {}): ActivityEvent {
    const event: ActivityEvent = {
      ...detail,
      seq: ++this.#seq,
      at: new Date(this.now()).toISOString(),
      kind,
    };
    this.#history.push(event);
    if (this.#history.length > this.historySize) this.#history.shift();
    for (const listener of this.#activityListeners) listener(event);
    return event;
  }

  onActivity(listener: Listener<ActivityEvent>): () => void {
    this.#activityListeners.add(listener);
    return () => this.#activityListeners.delete(listener);
  }

  /** Recorded events after `afterSeq` (all kept ones by default). */
  history(afterSeq = 0): ActivityEvent[] {
    return this.#history.filter((event) => event.seq > afterSeq);
  }

  clearHistory(): void {
    this.#history.length = 0;
  }
}
