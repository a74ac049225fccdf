/** One line of the doctor's report. */
export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was found, in a few words. */
  detail: string;
  /** What the owner does about it, in a sentence; only when not ok. */
  fix?: string;
  /** Whether this stops Tandem from working (a warning when false). */
  blocking: boolean;
}

export const passed = (name: string, detail: string): CheckResult => ({
  name,
  ok: true,
  detail,
  blocking: false,
});

export const failed = (name: string, detail: string, fix: string, blocking = true): CheckResult => ({
  name,
  ok: false,
  detail,
  fix,
  blocking,
});

/** The reason of a failed call in words, for a detail line. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const causeCode = cause?.code ? ` (${String(cause.code)})` : '';
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${causeCode}`;
  }
  return String(error);
}
