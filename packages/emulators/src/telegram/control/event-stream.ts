import type { Request, Response } from 'express';
import type { ActivityLog } from '../activity-log.ts';
import { type EmulatorEvent, type EventFilter, matchesFilter } from '../events.ts';

const heartbeatMs = 15_000;

/**
 * Server-Sent Events: replays logged events after `since` (or the `Last-Event-ID` a reconnecting
 * EventSource sends), then streams new ones. Every event is a default `message` event whose data is
 * the event JSON, so `new EventSource(url).onmessage` sees them all.
 */
export function streamEvents(log: ActivityLog, filter: EventFilter, req: Request, res: Response): void {
  const lastEventId = Number(req.get('last-event-id'));
  const since = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : filter.since;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 1000\n\n');
  const write = (event: EmulatorEvent) => res.write(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);
  if (since !== undefined)
    for (const event of log.list({ ...filter, since }, Number.MAX_SAFE_INTEGER)) write(event);
  const live = { ...filter, since: undefined };
  const unsubscribe = log.subscribe((event) => {
    if (matchesFilter(event, live)) write(event);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
