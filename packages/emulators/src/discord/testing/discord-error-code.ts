import { DiscordAPIError } from 'discord.js';
import { expect } from 'vitest';

/** The JSON error code of the DiscordAPIError `promise` must reject with (the test fails otherwise). */
export async function discordErrorCode(promise: Promise<unknown>): Promise<number> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return (error as DiscordAPIError).code as number;
}
