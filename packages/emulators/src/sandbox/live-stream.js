/**
 * An emulator's SSE stream that says how it is doing and comes back by itself, also to an emulator
 * that restarted elsewhere.
 *
 * `url` is a function: it is asked again before every reconnection, after `beforeReconnect` (which
 * may learn where the emulator is now, e.g. from the sandbox's /config.json). The browser's own
 * retry would keep knocking on the old address for ever, so a failed stream is closed and opened
 * anew here; `onOpen` runs after every (re)connection, so the caller reloads what it shows (nothing
 * is replayed across a restart: the world is read afresh).
 *
 * `onStatus` gets `'connecting'` (first connection), `'live'`, `'reconnecting'` (the connection
 * dropped, trying again at once) or `'down'` (still unreachable; trying every few seconds).
 */
export function openLiveStream({ url, eventNames, onEvent, onStatus, onOpen, beforeReconnect }) {
  let source = null;
  let retry = null;
  let everOpen = false;
  let failures = 0;
  let closed = false;
  const deliver = (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    onEvent(event);
  };
  const connect = async () => {
    retry = null;
    if (failures > 0) await beforeReconnect?.().catch(() => {});
    if (closed) return;
    const current = new EventSource(url());
    source = current;
    current.onopen = () => {
      everOpen = true;
      failures = 0;
      onStatus('live');
      onOpen?.();
    };
    current.onerror = () => {
      if (source !== current) return;
      current.close();
      failures += 1;
      onStatus(!everOpen ? 'connecting' : failures === 1 ? 'reconnecting' : 'down');
      retry = setTimeout(connect, failures === 1 ? 500 : 3000);
    };
    // Telegram sends default `message` events; Discord names each event after its kind.
    if (eventNames) for (const name of eventNames) current.addEventListener(name, deliver);
    else current.onmessage = deliver;
  };
  onStatus('connecting');
  void connect();
  return {
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      source?.close();
    },
  };
}

const STATUS_TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Connection lost, reconnecting…',
  down: 'Emulator unreachable, retrying…',
};

/** Shows a stream's status as a coloured dot with a label. */
export function showStreamStatus(indicator, status) {
  indicator.dataset.status = status;
  indicator.title = `Live updates: ${STATUS_TEXT[status] ?? status}`;
  const label = indicator.querySelector('.status-label');
  if (label) label.textContent = STATUS_TEXT[status] ?? status;
}
