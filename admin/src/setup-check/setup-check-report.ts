/** One check of `GET /api/setup-check` (src/doctor/check-result.ts): name and detail in English. */
export interface SetupCheckResult {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** Whether it stops Tandem from working; a failed check that does not is a warning. */
  blocking: boolean;
}

export interface SetupCheckReport {
  checkedAt: string;
  /** Nothing blocks Tandem (`npm run doctor` exits 0). */
  ok: boolean;
  results: SetupCheckResult[];
}

export type CheckMark = 'passed' | 'failed' | 'warning';

/** How a row is marked: ✓, ✗, or ! for a warning, as `npm run doctor` prints them. */
export function markOf(result: SetupCheckResult): CheckMark {
  if (result.ok) return 'passed';
  return result.blocking ? 'failed' : 'warning';
}

/** How many checks block Tandem and how many only warn. */
export function problemCounts(report: SetupCheckReport): { blocking: number; warnings: number } {
  const marks = report.results.map(markOf);
  return {
    blocking: marks.filter((mark) => mark === 'failed').length,
    warnings: marks.filter((mark) => mark === 'warning').length,
  };
}
