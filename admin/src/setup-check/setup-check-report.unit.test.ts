import { describe, expect, it } from 'vitest';
import { markOf, problemCounts, type SetupCheckReport } from './setup-check-report.ts';

const report: SetupCheckReport = {
  checkedAt: '2026-12-06T12:00:00.000Z',
  ok: false,
  results: [
    { name: 'PostgreSQL reachable', ok: true, detail: 'connected', blocking: false },
    { name: 'Redis persistence', ok: false, detail: 'AOF is off', fix: 'appendonly yes', blocking: false },
    {
      name: 'Discord token',
      ok: false,
      detail: 'the Discord token is wrong',
      fix: 'Reset it',
      blocking: true,
    },
  ],
};

describe('a setup check report', () => {
  it('marks each check as the doctor prints it: passed, failed, or a warning', () => {
    expect(report.results.map(markOf)).toEqual(['passed', 'warning', 'failed']);
  });

  it('counts what blocks Tandem apart from what only warns', () => {
    expect(problemCounts(report)).toEqual({ blocking: 1, warnings: 1 });
  });
});
