import type { z } from 'zod';
import { InvalidChangeError, type PlayerTexts } from './errors.ts';

/**
 * Parses what a caller sent with `schema`; input that does not fit is an InvalidChangeError naming
 * each field (`Invalid <what>: amount: must be positive`), and nothing is written. `playerTexts`
 * gives the schema's messages a player can read their text in the player's language.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what = 'change',
  playerTexts?: PlayerTexts,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw InvalidChangeError.fromZod(parsed.error, what, playerTexts);
  return parsed.data;
}
