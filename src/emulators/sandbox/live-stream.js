/**
 * An emulator's SSE stream that says how it is doing and comes back by itself.
 *
 * `onStatus` gets `'connecting'` (first connection), `'live'`, `'reconnecting'` (the connection
 * dropped; the browser retries and resends `Last-Event-ID`, so the emulator replays what was
 * missed) or `'down'` (the browser gave up; a new connection is tried every few seconds).
 * `onOpen` runs after every (re)connection, so the caller can reload what it shows.
 */
export function openLiveStream({ url, eventNames, onEvent, onStatus, onOpen }) {
  let source = null;
  let retry = null;
  let everOpen = false;
  const deliver = (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    onEvent(event);
  };
  const connect = () => {
    retry = null;
    source = new EventSource(url);
    onStatus(everOpen ? 'reconnecting' : 'connecting');
    source.onopen = () => {
      everOpen = true;
      onStatus('live');
      onOpen?.();
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        onStatus('down');
        retry = setTimeout(connect, 3000);
      } else {
        onStatus(everOpen ? 'reconnecting' : 'connecting');
      }
    };
    // Telegram sends default `message` events; Discord names each event after its kind.
    if (eventNames) for (const name of eventNames) source.addEventListener(name, deliver);
    else source.onmessage = deliver;
  };
  connect();
  return {
    close() {
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
