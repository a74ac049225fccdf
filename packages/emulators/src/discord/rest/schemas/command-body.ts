import { z } from 'zod';

/** Discord's rule for command and option names (lowercase enforced separately for slash commands). */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const localizations = z.record(z.string(), z.string()).nullish();

/** Option names follow the slash-command rule always. */
const name = z
  .string()
  .min(1)
  .max(32)
  .refine((value) => NAME.test(value), {
    message: 'Command name is invalid',
    params: { discordCode: 'APPLICATION_COMMAND_INVALID_NAME' },
  });

/** A command's name: 1-32 characters; the naming rule applies by type (see {@link validCommandName}). */
const commandName = z.string().min(1).max(32);

/**
 * Discord's naming rule: CHAT_INPUT (1) and PRIMARY_ENTRY_POINT (4) names match {@link NAME} in
 * lower case; USER (2) and MESSAGE (3) commands "may be mixed case and can include spaces".
 */
export function validCommandName(type: number, value: string): boolean {
  if (type === 2 || type === 3) return value.trim().length > 0;
  return NAME.test(value) && value === value.toLowerCase();
}

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
  choices?: Array<{ name: string; value: string | number }> | undefined;
  options?: OptionBody[] | undefined;
  [key: string]: unknown;
}

const option: z.ZodType<OptionBody> = z.lazy(() =>
  z
    .looseObject({
      type: z.number().int().min(1).max(11),
      name,
      description: z.string().min(1).max(100),
      required: z.boolean().optional(),
      choices: z.array(choice).max(25).optional(),
      options: z.array(option).max(25).optional(),
      name_localizations: localizations,
      description_localizations: localizations,
    })
    .refine((value) => value.name === value.name.toLowerCase(), {
      message: 'Command name is invalid',
      params: { discordCode: 'APPLICATION_COMMAND_INVALID_NAME' },
      path: ['name'],
    }),
);

function requiredFirst(options: OptionBody[] | undefined): boolean {
  const flags = (options ?? []).map((o) => o.required === true);
  return flags.every((required, i) => required || flags.slice(i).every((later) => !later));
}

export const commandBody = z
  .looseObject({
    type: z.number().int().min(1).max(4).optional(),
    name: commandName,
    description: z.string().max(100).optional(),
    options: z.array(option).max(25).optional(),
    default_member_permissions: z.string().regex(/^\d+$/).nullish(),
    dm_permission: z.boolean().nullish(),
    nsfw: z.boolean().optional(),
    contexts: z.array(z.number().int()).nullish(),
    integration_types: z.array(z.number().int()).optional(),
    name_localizations: localizations,
    description_localizations: localizations,
  })
  .superRefine((command, ctx) => {
    const slash = (command.type ?? 1) === 1;
    if (!validCommandName(command.type ?? 1, command.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'Command name is invalid',
        params: { discordCode: 'APPLICATION_COMMAND_INVALID_NAME' },
      });
    }
    if (slash && !command.description) {
      ctx.addIssue({
        code: 'custom',
        path: ['description'],
        message: 'This field is required',
        params: { discordCode: 'BASE_TYPE_REQUIRED' },
      });
    }
    if (!slash && (command.description || command.options?.length)) {
      ctx.addIssue({
        code: 'custom',
        path: ['description'],
        message: 'Context menu commands cannot have a description or options',
        params: { discordCode: 'APPLICATION_COMMAND_INVALID' },
      });
    }
    const levels = [
      command.options,
      ...(command.options ?? []).flatMap((o) => [o.options, ...(o.options ?? []).map((s) => s.options)]),
    ];
    if (!levels.every(requiredFirst)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'Required options must be placed before non-required options',
        params: { discordCode: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID' },
      });
    }
  });

export type CommandBody = z.output<typeof commandBody>;

export const commandListBody = z
  .array(commandBody)
  .max(100)
  .superRefine((commands, ctx) => {
    const seen = new Set<string>();
    commands.forEach((command, index) => {
      const key = `${command.type ?? 1}:${command.name}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: 'Application command names must be unique',
          params: { discordCode: 'APPLICATION_COMMANDS_DUPLICATE_NAME' },
        });
      }
      seen.add(key);
    });
  });

/** A command edit; its name is checked against the edited command's type by the route. */
export const commandPatchBody = z.looseObject({
  name: commandName.optional(),
  description: z.string().max(100).optional(),
  options: z.array(option).max(25).optional(),
  default_member_permissions: z.string().regex(/^\d+$/).nullish(),
  dm_permission: z.boolean().nullish(),
  nsfw: z.boolean().optional(),
  contexts: z.array(z.number().int()).nullish(),
  integration_types: z.array(z.number().int()).optional(),
  name_localizations: localizations,
  description_localizations: localizations,
});
