import { z } from 'zod';
import { storedText } from '../core/postgres-values.ts';
import { slugSchema } from '../core/slug.ts';

/**
 * What a button of the bot leads to, and the rules for the parts admins type. Shared by the menu
 * buttons (columns scenario_id | url | command) and the inline buttons of scenarios (stored as JSON,
 * naming the next scenario by slug so a tree of pages can be written before all of it exists).
 */

export const buttonLabelSchema = storedText()
  .trim()
  .min(1, 'a button needs a label')
  .max(64, 'at most 64 characters (longer labels are cut off by the apps)');

export const buttonUrlSchema = storedText()
  .trim()
  .max(500, 'at most 500 characters')
  .refine(isHttpUrl, 'must be a full web link starting with http:// or https://, e.g. https://example.org');

/** Telegram's rule for commands: 1-32 lowercase letters, digits or `_`; stored with its slash. */
export const botCommandSchema = storedText()
  .trim()
  .regex(
    /^\/[a-z0-9_]{1,31}$/,
    'must be a bot command like /daily: a slash, then lowercase letters, digits or _',
  );

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Where a button leads, once resolved for the bots (scenario slugs become ids). */
export type ButtonTarget =
  | { kind: 'scenario'; scenarioId: number }
  | { kind: 'url'; url: string }
  | { kind: 'command'; command: string };

export const oneTargetMessage = 'choose exactly one of: a scenario, a web link (url) or a bot command';

/** One inline button of a scenario as admins write it: `{label, scenario | url | command}`. */
export const scenarioButtonSchema = z
  .object({
    label: buttonLabelSchema,
    scenario: slugSchema.optional(),
    url: buttonUrlSchema.optional(),
    command: botCommandSchema.optional(),
  })
  .refine((b) => [b.scenario, b.url, b.command].filter((t) => t !== undefined).length === 1, {
    message: oneTargetMessage,
  });
export type ScenarioButton = z.output<typeof scenarioButtonSchema>;

/** A message shows a handful of buttons; past 10 they stop being read (and Discord caps rows). */
export const maxScenarioButtons = 10;

export const scenarioButtonsSchema = z
  .array(scenarioButtonSchema, { message: 'must be a list of buttons' })
  .max(maxScenarioButtons, `at most ${maxScenarioButtons} buttons`);

/**
 * Reads the stored JSON leniently: rows written before a rule changed (or by hand in SQL) lose only
 * their invalid buttons, never the whole page.
 */
export function readStoredButtons(stored: unknown): ScenarioButton[] {
  if (!Array.isArray(stored)) return [];
  const buttons: ScenarioButton[] = [];
  for (const item of stored) {
    const parsed = scenarioButtonSchema.safeParse(item);
    if (parsed.success) buttons.push(parsed.data);
  }
  return buttons.slice(0, maxScenarioButtons);
}

/** Resolves a stored button for the bots; a button naming a scenario that is gone or inactive is dropped. */
export function resolveButton(
  button: ScenarioButton,
  scenarioIdBySlug: ReadonlyMap<string, number>,
): { label: string; target: ButtonTarget } | null {
  if (button.url !== undefined) return { label: button.label, target: { kind: 'url', url: button.url } };
  if (button.command !== undefined)
    return { label: button.label, target: { kind: 'command', command: button.command } };
  const scenarioId = button.scenario === undefined ? undefined : scenarioIdBySlug.get(button.scenario);
  return scenarioId === undefined ? null : { label: button.label, target: { kind: 'scenario', scenarioId } };
}
