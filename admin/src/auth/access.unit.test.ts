import { describe, expect, it } from 'vitest';
import { roleCanAccess } from './access.ts';

describe('who may do what in the panel', () => {
  it('lets admins do everything', () => {
    expect(roleCanAccess('admin', 'delete', 'ranks')).toBe(true);
    expect(roleCanAccess('admin', 'list', 'admins')).toBe(true);
  });

  it('lets operators read and retry, nothing else', () => {
    expect(roleCanAccess('operator', 'list', 'players')).toBe(true);
    expect(roleCanAccess('operator', 'show', 'ranks')).toBe(true);
    expect(roleCanAccess('operator', 'retry', 'sync_events')).toBe(true);
    expect(roleCanAccess('operator', 'edit', 'ranks')).toBe(false);
    expect(roleCanAccess('operator', 'adjust', 'players')).toBe(false);
    expect(roleCanAccess('operator', 'approve', 'task_submissions')).toBe(false);
    expect(roleCanAccess('operator', 'list', 'admins')).toBe(false);
    expect(roleCanAccess('operator', 'list', 'audit')).toBe(false);
  });

  it('refuses without a session', () => {
    expect(roleCanAccess(undefined, 'list', 'players')).toBe(false);
  });
});
