import { describe, expect, it } from 'vitest';
import { botCommands } from '../../replies/help.ts';
import { shippedTranslator } from '../../texts/texts.ts';
import { slashCommands } from './all-commands.ts';

describe('Discord slash commands', () => {
  it('are exactly the commands the shared help lists for Discord', () => {
    const registered = slashCommands.map((command) => command.definition.name).sort();
    const listed = botCommands('discord', shippedTranslator('en'))
      .map((command) => command.command)
      .sort();
    expect(registered).toEqual(listed);
  });
});
