import { ControlError } from './errors.ts';
import { type EmulatorEvent, type EmulatorEventBody, type EventFilter, matchesFilter } from './events.ts';

type Listener = (event: EmulatorEvent) => void;

/** The emulator's event log: a bounded history plus live listeners (SSE streams, waiters). */
export class ActivityLog {
  private events: EmulatorEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private seq = 0;

  constructor(private readonly capacity: number) {}

  get lastSeq(): number {
    return this.seq;
  }

  record(body: EmulatorEventBody): EmulatorEvent {
    this.seq += 1;
    const event = { ...body, seq: this.seq, at: Date.now() } as EmulatorEvent;
    this.events.push(event);
    // Trimmed in batches, so a full log does not copy itself on every event.
    if (this.events.length > this.capacity + Math.ceil(this.capacity / 10)) {
      this.events = this.events.slice(-this.capacity);
    }
    for (const listener of this.listeners) listener(event);
    return event;
  }

  list(filter: EventFilter = {}, limit = 1000): EmulatorEvent[] {
    return this.events.filter((event) => matchesFilter(event, filter)).slice(-limit);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The first event matching `filter`, already logged (after `filter.since`) or still to come.
   * Without `since`, only events recorded from now on count.
   */
  waitFor(
    filter: EventFilter,
    timeoutMs = 10_000,
    predicate: (event: EmulatorEvent) => boolean = () => true,
  ): Promise<EmulatorEvent> {
    const effective = { ...filter, since: filter.since ?? this.seq };
    const matches = (event: EmulatorEvent) => matchesFilter(event, effective) && predicate(event);
    const logged = this.events.find(matches);
    if (logged) return Promise.resolve(logged);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(ControlError.timeout(`No event matching ${JSON.stringify(effective)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.subscribe((event) => {
        if (!matches(event)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(event);
      });
    });
  }

  clear(): void {
    this.events = [];
  }
}
