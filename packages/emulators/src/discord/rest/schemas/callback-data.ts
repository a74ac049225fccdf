import { z } from 'zod';

/** Discord's cap on autocomplete suggestions. */
export const MAX_AUTOCOMPLETE_CHOICES = 25;

const choice = z.looseObject({
  name: z.string().min(1).max(100),
  name_localizations: z.record(z.string(), z.string().min(1).max(100)).nullish(),
  value: z.union([z.string().max(100), z.number()]),
});

/** Callback type 8 APPLICATION_COMMAND_AUTOCOMPLETE_RESULT: `{type, data: {choices}}`. */
export const autocompleteResultCallback = z.looseObject({
  type: z.literal(8),
  data: z.looseObject({ choices: z.array(choice).max(MAX_AUTOCOMPLETE_CHOICES) }),
});

/** Callback type 9 MODAL: `{type, data: {custom_id, title, components}}` (1 to 5 rows or labels). */
export const modalCallback = z.looseObject({
  type: z.literal(9),
  data: z.looseObject({
    custom_id: z.string().min(1).max(100),
    title: z.string().min(1).max(45),
    components: z
      .array(z.looseObject({ type: z.number().int() }))
      .min(1)
      .max(5),
  }),
});
