import { describe, expect, it } from 'vitest';
import { operatorMayOnBoard } from './bull-board.ts';

describe('what an operator may do on Bull Board', () => {
  it('reads everything', () => {
    expect(operatorMayOnBoard('GET', '/')).toBe(true);
    expect(operatorMayOnBoard('GET', '/api/queues')).toBe(true);
    expect(operatorMayOnBoard('GET', '/api/queues/economy-events/job-1/logs')).toBe(true);
  });

  it('retries, cleans and promotes jobs, one or a whole state', () => {
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/job-1/retry')).toBe(true);
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/job-1/clean')).toBe(true);
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/job-1/promote')).toBe(true);
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/retry/failed')).toBe(true);
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/clean/failed')).toBe(true);
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/promote')).toBe(true);
  });

  it('changes nothing else', () => {
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/pause')).toBe(false);
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/empty')).toBe(false);
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/obliterate')).toBe(false);
    expect(operatorMayOnBoard('PUT', '/api/queues/pause')).toBe(false);
    expect(operatorMayOnBoard('POST', '/api/queues/economy-events/add')).toBe(false);
    expect(operatorMayOnBoard('PATCH', '/api/queues/economy-events/job-1/update-data')).toBe(false);
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/rate-limit/release')).toBe(false);
    expect(operatorMayOnBoard('PUT', '/api/queues/economy-events/job-schedulers/reconcile/run')).toBe(false);
  });
});
