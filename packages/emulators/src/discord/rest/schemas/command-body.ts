import { z } from 'zod';
import {
  checkOptionList,
  isChatInputName,
  isContextMenuName,
  localizations,
  option,
} from './command-option-body.ts';

export type { OptionBody } from './command-option-body.ts';

export const CommandType = { ChatInput: 1, User: 2, Message: 3, PrimaryEntryPoint: 4 } as const;

/** Commands an application may have per type, globally and again per guild (Registering a Command). */
export const COMMAND_LIMITS: Readonly<Record<number, number>> = {
  [CommandType.ChatInput]: 100,
  [CommandType.User]: 15,
  [CommandType.Message]: 15,
  [CommandType.PrimaryEntryPoint]: 1,
};

const invalidName = { message: 'Command name is invalid', discordCode: 'APPLICATION_COMMAND_INVALID_NAME' };

/** Interaction context types: GUILD, BOT_DM, PRIVATE_CHANNEL. */
const contexts = z.array(z.literal([0, 1, 2])).nullish();
/** Application integration types: GUILD_INSTALL, USER_INSTALL. */
const integrationTypes = z.array(z.literal([0, 1])).optional();
const defaultMemberPermissions = z.string().regex(/^\d+$/).nullish();

const commandFields = {
  name: z.string().min(1).max(32),
  description: z.string().max(100).optional(),
  options: z.array(option).max(25).optional(),
  default_member_permissions: defaultMemberPermissions,
  dm_permission: z.boolean().nullish(),
  nsfw: z.boolean().optional(),
  contexts,
  integration_types: integrationTypes,
  name_localizations: localizations,
  description_localizations: localizations,
};

type Issues = z.core.$RefinementCtx;

function issue(ctx: Issues, path: PropertyKey[], message: string, discordCode: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { discordCode } });
}

/** The name rule of the command's type, for `name` and each localized name. */
function checkNames(
  type: number,
  name: string | undefined,
  localized: Record<string, string> | null | undefined,
  ctx: Issues,
): void {
  const valid = type === CommandType.ChatInput ? isChatInputName : isContextMenuName;
  if (name !== undefined && !valid(name)) issue(ctx, ['name'], invalidName.message, invalidName.discordCode);
  for (const [locale, value] of Object.entries(localized ?? {})) {
    if (!valid(value) || value.length > 32) {
      issue(ctx, ['name_localizations', locale], invalidName.message, invalidName.discordCode);
    }
  }
}

export const commandBody = z
  .looseObject({ type: z.number().int().min(1).max(4).optional(), ...commandFields })
  .superRefine((command, ctx) => {
    const type = command.type ?? CommandType.ChatInput;
    checkNames(type, command.name, command.name_localizations, ctx);
    const slash = type === CommandType.ChatInput;
    if (slash && !command.description) {
      issue(ctx, ['description'], 'This field is required', 'BASE_TYPE_REQUIRED');
    }
    if (!slash && (command.description || command.options?.length)) {
      issue(
        ctx,
        ['description'],
        'Context menu commands cannot have a description or options',
        'APPLICATION_COMMAND_INVALID',
      );
    }
    checkOptionList(command.options, ctx, ['options']);
  });

export type CommandBody = z.output<typeof commandBody>;

/** PUT's list: unique name per type, and no more of a type than Discord allows. */
export const commandListBody = z.array(commandBody).superRefine((commands, ctx) => {
  const seen = new Set<string>();
  commands.forEach((command, index) => {
    const key = `${command.type ?? 1}:${command.name}`;
    if (seen.has(key)) {
      issue(
        ctx,
        [index, 'name'],
        'Application command names must be unique',
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
      );
    }
    seen.add(key);
  });
});

/** PATCH of a command of `type`: any field but `type`, names under the rule of that type. */
export function commandPatchBody(type: number) {
  return z
    .looseObject({ ...commandFields, name: commandFields.name.optional() })
    .superRefine((changes, ctx) => {
      checkNames(type, changes.name, changes.name_localizations, ctx);
      checkOptionList(changes.options, ctx, ['options']);
    });
}
