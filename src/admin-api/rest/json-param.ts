import { z } from 'zod';

/**
 * A query parameter that carries JSON (react-admin sends `sort`, `range` and `filter` that way),
 * parsed and then validated by `schema`: malformed JSON and a wrong shape fail the same way.
 */
export function jsonParam<S extends z.ZodType>(schema: S, example: string) {
  return z
    .string({ message: `must be JSON, e.g. ${example}` })
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: `is not valid JSON; expected e.g. ${example}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
