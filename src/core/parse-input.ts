import type { z } from 'zod';
import { InvalidChangeError } from './errors.ts';

/**
 * Parses what a caller sent with `schema`; input that does not fit is an InvalidChangeError naming
 * each field (`Invalid <what>: amount: must be positive`), and nothing is written.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'change'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw InvalidChangeError.fromZod(parsed.error, what);
  return parsed.data;
}
