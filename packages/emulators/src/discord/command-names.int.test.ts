import { ApplicationCommandType, DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotForTest } from './testing/bot-in-scenario.ts';

async function formErrors(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return ((error as DiscordAPIError).rawError as { errors?: unknown }).errors;
}

describe('command names', () => {
  it('lets user and message commands use mixed case and spaces, slash commands not', async () => {
    const context = await startBotForTest();
    const commands = context.guild().commands;
    const registered = await commands.set([
      { type: ApplicationCommandType.User, name: 'View Rank' },
      { type: ApplicationCommandType.Message, name: 'Report Message' },
      { type: ApplicationCommandType.ChatInput, name: 'rank', description: 'Your rank' },
    ]);
    expect([...registered.values()].map((c) => c.name).sort()).toEqual([
      'Report Message',
      'View Rank',
      'rank',
    ]);

    expect(
      await formErrors(
        commands.create({ type: ApplicationCommandType.ChatInput, name: 'My Rank', description: 'x' }),
      ),
    ).toEqual({
      name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }] },
    });

    const viewRank = registered.find((c) => c.name === 'View Rank');
    const rank = registered.find((c) => c.name === 'rank');
    expect((await viewRank?.setName('Show Rank'))?.name).toBe('Show Rank');
    expect(await formErrors(rank?.setName('My Rank') ?? Promise.resolve())).toEqual({
      name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }] },
    });
  });
});
