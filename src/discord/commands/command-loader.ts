import { ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import { TandemError } from '../../core/errors.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * Checks command definitions before they reach Discord, which would refuse the whole list with a
 * 50035 at start-up (or, worse, accept a shape the handlers do not expect). The limits are
 * Discord's: https://discord.com/developers/docs/interactions/application-commands
 */

// Discord allows other scripts too; Tandem's commands are English, so lowercase ASCII is the rule.
const commandName = z
  .string()
  .regex(/^[-_a-z0-9]{1,32}$/, 'must be 1-32 lowercase letters, digits, "-" or "_"');
const description = z.string().min(1, 'is required').max(100, 'must be at most 100 characters');
// Per Discord locale (`ru`, `en-GB`): the same limits as the default text, in every language.
const localizations = z
  .record(z.string().regex(/^[a-z]{2}(-[A-Z0-9]{2,3})?$/, 'must be a Discord locale'), description)
  .nullish();
const choiceName = z.string().min(1, 'is required').max(100, 'must be at most 100 characters');
const choiceSchema = z.looseObject({
  name: choiceName,
  nameLocalizations: z.record(z.string(), choiceName).nullish(),
  value: z.union([z.string().max(100), z.number()]),
});

// Only plain options: subcommands would need handlers that route them, which no command has.
const optionTypes = [
  ApplicationCommandOptionType.String,
  ApplicationCommandOptionType.Integer,
  ApplicationCommandOptionType.Boolean,
  ApplicationCommandOptionType.User,
  ApplicationCommandOptionType.Channel,
  ApplicationCommandOptionType.Role,
  ApplicationCommandOptionType.Number,
] as const;

const optionSchema = z.looseObject({
  type: z.union(optionTypes.map((type) => z.literal(type))),
  name: commandName,
  description,
  descriptionLocalizations: localizations,
  required: z.boolean().optional(),
  choices: z.array(choiceSchema).max(25, 'at most 25 choices').optional(),
});

const definitionSchema = z.looseObject({
  name: commandName,
  description,
  descriptionLocalizations: localizations,
  options: z
    .array(optionSchema)
    .max(25, 'at most 25 options')
    .default([])
    .superRefine((options, issues) => {
      const names = new Set<string>();
      let optionalSeen = false;
      for (const [i, option] of options.entries()) {
        if (names.has(option.name))
          issues.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: `option "${option.name}" appears twice`,
          });
        names.add(option.name);
        if (option.required && optionalSeen)
          issues.addIssue({
            code: 'custom',
            path: [i, 'required'],
            message: 'required options must come before optional ones',
          });
        optionalSeen ||= !option.required;
      }
    }),
});

export class InvalidCommandDefinitionError extends TandemError {
  override name = 'InvalidCommandDefinitionError';
  constructor(message: string) {
    super('internal', message);
  }
}

/** The commands by name, or InvalidCommandDefinitionError naming every problem found. */
export function loadSlashCommands(commands: readonly SlashCommand[]): Map<string, SlashCommand> {
  const problems: string[] = [];
  const byName = new Map<string, SlashCommand>();
  if (commands.length > 100) problems.push('at most 100 slash commands');
  for (const [i, command] of commands.entries()) {
    const label = command.definition?.name ? `/${command.definition.name}` : `command #${i + 1}`;
    const parsed = definitionSchema.safeParse(command.definition);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${label}: ${issue.path.join('.')} ${issue.message}`);
      continue;
    }
    if (typeof command.execute !== 'function') problems.push(`${label}: execute must be a function`);
    if (byName.has(parsed.data.name)) problems.push(`${label}: defined twice`);
    byName.set(parsed.data.name, command);
  }
  if (problems.length > 0)
    throw new InvalidCommandDefinitionError(`Invalid slash commands: ${problems.join('; ')}`);
  return byName;
}
