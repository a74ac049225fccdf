import { describe, expect, it } from 'vitest';
import { operatorMay } from './require-role.ts';

describe('what an operator may do under /api', () => {
  it('reads everything but admin accounts', () => {
    expect(operatorMay({ method: 'GET', path: '/players' })).toBe(true);
    expect(operatorMay({ method: 'GET', path: '/sync_events/abc' })).toBe(true);
    expect(operatorMay({ method: 'HEAD', path: '/dashboard' })).toBe(true);
    expect(operatorMay({ method: 'GET', path: '/admins' })).toBe(false);
    expect(operatorMay({ method: 'GET', path: '/admins/1' })).toBe(false);
    expect(operatorMay({ method: 'GET', path: '/adminsettings' })).toBe(true);
  });

  it('retries failed sync events, one or in bulk, and writes nothing else', () => {
    expect(operatorMay({ method: 'POST', path: '/sync_events/4f1c/retry' })).toBe(true);
    expect(operatorMay({ method: 'POST', path: '/sync_events/retry' })).toBe(true);
    expect(operatorMay({ method: 'PUT', path: '/sync_events/4f1c/retry' })).toBe(false);
    expect(operatorMay({ method: 'DELETE', path: '/sync_events/4f1c' })).toBe(false);
    expect(operatorMay({ method: 'POST', path: '/players/1/adjustments' })).toBe(false);
    expect(operatorMay({ method: 'PUT', path: '/players/1' })).toBe(false);
    expect(operatorMay({ method: 'POST', path: '/task_submissions/approve' })).toBe(false);
    expect(operatorMay({ method: 'POST', path: '/sync_events/4f1c/retry/extra' })).toBe(false);
  });

  it('previews a text but never saves or resets one', () => {
    expect(operatorMay({ method: 'POST', path: '/texts/common.coins/preview' })).toBe(true);
    expect(operatorMay({ method: 'PUT', path: '/texts/common.coins' })).toBe(false);
    expect(operatorMay({ method: 'DELETE', path: '/texts/common.coins/ru' })).toBe(false);
    expect(operatorMay({ method: 'POST', path: '/texts/common.coins/preview/extra' })).toBe(false);
  });
});
