import type { GatewaySession } from './session.ts';

/** Sessions by id, kept after their connection drops until resumed or invalidated. */
export class SessionStore {
  readonly #sessions = new Map<string, GatewaySession>();

  add(session: GatewaySession): void {
    this.#sessions.set(session.id, session);
  }

  get(id: string): GatewaySession | undefined {
    return this.#sessions.get(id);
  }

  invalidate(session: GatewaySession): void {
    this.#sessions.delete(session.id);
  }

  all(): GatewaySession[] {
    return [...this.#sessions.values()];
  }

  clear(): void {
    this.#sessions.clear();
  }
}
