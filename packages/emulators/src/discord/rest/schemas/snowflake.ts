import { z } from 'zod';
import { isSnowflake } from '../../snowflake.ts';

/** A snowflake id in a body or query; anything else fails as Discord words it (50035 NUMBER_TYPE_COERCE). */
export const snowflake = z.string().superRefine((value, context) => {
  if (!isSnowflake(value)) {
    context.addIssue({
      code: 'custom',
      message: `Value "${value}" is not snowflake.`,
      params: { discordCode: 'NUMBER_TYPE_COERCE' },
    });
  }
});
