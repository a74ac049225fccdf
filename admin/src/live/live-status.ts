import { useSyncExternalStore } from 'react';

/**
 * The state of the live connection, shown in the app bar: `connecting` before the first connect,
 * `live` while connected, `reconnecting` after a connection was lost, `refused` when the API turned
 * the socket away (the session ended), `limited` when it turned it away for too many connections
 * (tabs of this admin, or clients at this address) or too many messages.
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused' | 'limited';

let status: LiveStatus = 'connecting';
const listeners = new Set<() => void>();

export function setLiveStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribe, () => status);
}
