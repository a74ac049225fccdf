import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { InvalidCommandDefinitionError, loadSlashCommands } from './command-loader.ts';
import type { SlashCommand } from './slash-command.ts';

function command(definition: SlashCommand['definition']): SlashCommand {
  return { definition, ephemeral: true, execute: async () => 'ok' };
}

describe('loadSlashCommands', () => {
  it('indexes valid commands by name', () => {
    const commands = loadSlashCommands([
      command({ name: 'profile', description: 'Your XP' }),
      command({
        name: 'link',
        description: 'Link accounts',
        options: [{ type: ApplicationCommandOptionType.String, name: 'code', description: 'The code' }],
      }),
    ]);
    expect([...commands.keys()]).toEqual(['profile', 'link']);
  });

  it('refuses bad names, long descriptions, duplicates and misordered options, naming each', () => {
    const attempt = () =>
      loadSlashCommands([
        command({ name: 'Profile', description: 'x' }),
        command({ name: 'top', description: 'y'.repeat(101) }),
        command({ name: 'daily', description: 'Daily' }),
        command({ name: 'daily', description: 'Daily again' }),
        command({
          name: 'link',
          description: 'Link',
          options: [
            { type: ApplicationCommandOptionType.String, name: 'code', description: 'c' },
            { type: ApplicationCommandOptionType.String, name: 'note', description: 'n', required: true },
          ],
        }),
      ]);
    expect(attempt).toThrow(InvalidCommandDefinitionError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('/Profile: name must be 1-32 lowercase');
    expect(message).toContain('/top: description must be at most 100 characters');
    expect(message).toContain('/daily: defined twice');
    expect(message).toContain('/link: options.1.required required options must come before optional ones');
  });

  it('refuses subcommands, which no handler routes', () => {
    expect(() =>
      loadSlashCommands([
        command({
          name: 'admin',
          description: 'Admin',
          options: [{ type: ApplicationCommandOptionType.Subcommand, name: 'grant', description: 'g' }],
        }),
      ]),
    ).toThrow(/\/admin: options\.0\.type/);
  });
});
