import { storedText } from './postgres-values.ts';

/**
 * The name of a page or an achievement in URLs and in the buttons that lead to it: what admins type
 * for a scenario and for an achievement follows the same rule.
 */
export const slugSchema = storedText()
  .trim()
  .min(1, 'is required')
  .max(64, 'at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and dashes only, e.g. how-it-works');
