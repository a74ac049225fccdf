import { z } from 'zod';
import { DISCORD_LOCALES } from '../../world/locales.ts';

/** Discord's rule for slash command and option names (Application Command Naming). */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** User and message commands may be mixed case and include spaces. */
const CONTEXT_MENU_NAME = /^[-_' \p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Number: 10,
  Attachment: 11,
} as const;

const WITH_CHOICES: readonly number[] = [OptionType.String, OptionType.Integer, OptionType.Number];
const SUBCOMMANDS: readonly number[] = [OptionType.Subcommand, OptionType.SubcommandGroup];

type Issues = z.core.$RefinementCtx;

function invalid(ctx: Issues, path: PropertyKey[], message: string, discordCode: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { discordCode } });
}

/** A slash command or option name: the regex, lowercase where a letter has a lowercase form. */
export function isChatInputName(value: string): boolean {
  return CHAT_INPUT_NAME.test(value) && value === value.toLowerCase();
}

export function isContextMenuName(value: string): boolean {
  return CONTEXT_MENU_NAME.test(value) && value.trim() === value;
}

/** `name_localizations` / `description_localizations`: keys among Discord's locales. */
export const localizations = z
  .record(z.string(), z.string())
  .nullish()
  .superRefine((map, ctx) => {
    for (const locale of Object.keys(map ?? {})) {
      if ((DISCORD_LOCALES as readonly string[]).includes(locale)) continue;
      invalid(ctx, [locale], `Invalid Locale "${locale}"`, 'LOCALE_INVALID');
    }
  });

const choice = z.looseObject({
  name: z.string().min(1).max(100),
  value: z.union([z.string().max(100), z.number()]),
  name_localizations: localizations,
});

export interface OptionBody {
  type: number;
  name: string;
  description: string;
  required?: boolean | undefined;
  autocomplete?: boolean | undefined;
  choices?: Array<{ name: string; value: string | number }> | undefined;
  options?: OptionBody[] | undefined;
  min_length?: number | undefined;
  max_length?: number | undefined;
  [key: string]: unknown;
}

/** One option as the Application Command Option Structure allows it. */
export const option: z.ZodType<OptionBody> = z.lazy(() =>
  z
    .looseObject({
      type: z.number().int().min(1).max(11),
      name: z.string().min(1).max(32),
      description: z.string().min(1).max(100),
      required: z.boolean().optional(),
      autocomplete: z.boolean().optional(),
      choices: z.array(choice).max(25).optional(),
      options: z.array(option).max(25).optional(),
      min_length: z.number().int().min(0).max(6000).optional(),
      max_length: z.number().int().min(1).max(6000).optional(),
      name_localizations: localizations,
      description_localizations: localizations,
    })
    .superRefine((value, ctx) => checkOption(value, ctx)),
);

function checkOption(value: OptionBody, ctx: Issues): void {
  if (!isChatInputName(value.name)) {
    invalid(ctx, ['name'], 'Command name is invalid', 'APPLICATION_COMMAND_INVALID_NAME');
  }
  if (value.choices?.length && !WITH_CHOICES.includes(value.type)) {
    invalid(
      ctx,
      ['choices'],
      'Only string, integer and number options take choices',
      'APPLICATION_COMMAND_OPTION_CHOICES_INVALID',
    );
  }
  for (const [index, { value: choiceValue }] of (value.choices ?? []).entries()) {
    const fits =
      value.type === OptionType.String
        ? typeof choiceValue === 'string'
        : value.type === OptionType.Integer
          ? Number.isInteger(choiceValue)
          : typeof choiceValue === 'number';
    if (!fits) invalid(ctx, ['choices', index, 'value'], 'Invalid choice value', 'BASE_TYPE_BAD_TYPE');
  }
  if (value.autocomplete && value.choices?.length) {
    invalid(
      ctx,
      ['autocomplete'],
      'Autocomplete cannot be set on options with choices',
      'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
    );
  }
  if (value.options?.length && !SUBCOMMANDS.includes(value.type)) {
    invalid(ctx, ['options'], 'Only subcommands and groups have options', 'APPLICATION_COMMAND_INVALID');
  }
  if (value.type === OptionType.SubcommandGroup) {
    value.options?.forEach((sub, index) => {
      if (sub.type !== OptionType.Subcommand) {
        invalid(
          ctx,
          ['options', index, 'type'],
          'A group holds only subcommands',
          'APPLICATION_COMMAND_INVALID',
        );
      }
    });
  }
  if (value.type === OptionType.Subcommand) {
    value.options?.forEach((sub, index) => {
      if (SUBCOMMANDS.includes(sub.type)) {
        invalid(
          ctx,
          ['options', index, 'type'],
          'A subcommand cannot nest subcommands',
          'APPLICATION_COMMAND_INVALID',
        );
      }
    });
  }
  checkOptionList(value.options, ctx, ['options']);
}

function requiredFirst(options: OptionBody[]): boolean {
  const flags = options.map((o) => o.required === true);
  return flags.every((required, i) => required || flags.slice(i).every((later) => !later));
}

/**
 * Rules for one list of options (a command's, a subcommand's or a group's): names unique,
 * required before optional, subcommands not mixed with plain options.
 */
export function checkOptionList(options: OptionBody[] | undefined, ctx: Issues, path: PropertyKey[]): void {
  if (!options?.length) return;
  const seen = new Set<string>();
  options.forEach((entry, index) => {
    if (seen.has(entry.name)) {
      invalid(
        ctx,
        [...path, index, 'name'],
        'Application command option names must be unique',
        'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME',
      );
    }
    seen.add(entry.name);
  });
  if (!requiredFirst(options)) {
    invalid(
      ctx,
      path,
      'Required options must be placed before non-required options',
      'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
    );
  }
  const subcommands = options.filter((entry) => SUBCOMMANDS.includes(entry.type)).length;
  if (subcommands > 0 && subcommands < options.length) {
    invalid(
      ctx,
      path,
      'Subcommands and groups cannot be mixed with other options',
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
    );
  }
}
