import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordControlClient } from './control-client.ts';
import { DiscordEmulator, type DiscordEmulatorUrls } from './index.ts';
import { buildScenario, type Scenario } from './scenario.ts';

let emulator: DiscordEmulator;
let urls: DiscordEmulatorUrls;
let world: Scenario;

beforeEach(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 1_000, rateLimits: { enabled: false } });
  urls = await emulator.start();
  world = await buildScenario(new DiscordControlClient(urls.controlUrl));
});

afterEach(async () => {
  await emulator.stop();
});

/** Registers with the bot's token, as a library would; answers status and body. */
async function register(method: 'PUT' | 'POST' | 'PATCH', body: unknown, suffix = '') {
  const response = await fetch(
    `${urls.apiUrl}/v10/applications/${world.bot.applicationId}/commands${suffix}`,
    {
      method,
      headers: { authorization: `Bot ${world.bot.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const slash = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: 'A command',
  ...extra,
});

function formError(path: Array<string | number>, code: string) {
  let errors: Record<string, unknown> = { _errors: [expect.objectContaining({ code })] };
  for (const key of [...path].reverse()) errors = { [String(key)]: errors };
  return { status: 400, body: expect.objectContaining({ code: 50035, errors }) };
}

describe('command registration', () => {
  it('takes mixed-case names with spaces for user and message commands, not for slash commands', async () => {
    const accepted = await register('PUT', [
      { type: 2, name: 'High Five' },
      { type: 3, name: 'Report This' },
    ]);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual([
      expect.objectContaining({ type: 2, name: 'High Five', description: '' }),
      expect.objectContaining({ type: 3, name: 'Report This', description: '' }),
    ]);
    expect(await register('PUT', [slash('high five')])).toEqual(
      formError([0, 'name'], 'APPLICATION_COMMAND_INVALID_NAME'),
    );
  });

  it('checks contexts, integration types and localization locales', async () => {
    expect(await register('POST', slash('rank', { contexts: [0, 3] }))).toEqual(
      formError(['contexts', 1], 'BASE_TYPE_CHOICES'),
    );
    expect(await register('POST', slash('rank', { integration_types: [2] }))).toEqual(
      formError(['integration_types', 0], 'BASE_TYPE_CHOICES'),
    );
    expect(await register('POST', slash('rank', { name_localizations: { klingon: 'rang' } }))).toEqual(
      formError(['name_localizations', 'klingon'], 'LOCALE_INVALID'),
    );
    const fine = await register(
      'POST',
      slash('rank', {
        contexts: [0, 1],
        integration_types: [0],
        default_member_permissions: '0',
        nsfw: true,
      }),
    );
    expect(fine).toMatchObject({
      status: 201,
      body: { contexts: [0, 1], integration_types: [0], default_member_permissions: '0', nsfw: true },
    });
  });

  it('checks options: unique names, choices only where they fit, subcommands not mixed in', async () => {
    const option = (name: string, type = 3, extra: Record<string, unknown> = {}) => ({
      type,
      name,
      description: 'An option',
      ...extra,
    });
    expect(await register('POST', slash('give', { options: [option('to'), option('to')] }))).toEqual(
      formError(['options', 1, 'name'], 'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME'),
    );
    const onBoolean = option('public', 5, { choices: [{ name: 'Yes', value: 'yes' }] });
    expect((await register('POST', slash('give', { options: [onBoolean] }))).status).toBe(400);
    const wrongValue = option('amount', 4, { choices: [{ name: 'Half', value: 0.5 }] });
    expect(await register('POST', slash('give', { options: [wrongValue] }))).toEqual(
      formError(['options', 0, 'choices', 0, 'value'], 'BASE_TYPE_BAD_TYPE'),
    );
    const both = option('kind', 3, { autocomplete: true, choices: [{ name: 'A', value: 'a' }] });
    expect((await register('POST', slash('give', { options: [both] }))).status).toBe(400);
    const mixed = [option('coins', 1), option('note')];
    expect((await register('POST', slash('give', { options: mixed }))).status).toBe(400);
    const tooLong = option('note', 3, { max_length: 6001 });
    expect(await register('POST', slash('give', { options: [tooLong] }))).toEqual(
      formError(['options', 0, 'max_length'], 'NUMBER_TYPE_MAX'),
    );
  });

  it('refuses more commands of a type than Discord allows (30032)', async () => {
    const users = Array.from({ length: 16 }, (_, i) => ({ type: 2, name: `User ${i}` }));
    expect(await register('PUT', users)).toEqual({
      status: 400,
      body: { code: 30032, message: 'Maximum number of application commands reached (15)' },
    });
    const hundred = Array.from({ length: 100 }, (_, i) => slash(`command-${i}`));
    expect((await register('PUT', [...hundred, ...users.slice(0, 15)])).status).toBe(200);
    expect((await register('POST', slash('one-more'))).body).toMatchObject({ code: 30032 });
    // Replacing an existing command is an upsert, not one more.
    expect((await register('POST', slash('command-7', { description: 'Changed' }))).status).toBe(200);
  });

  it('applies the name rule of the command type to PATCH', async () => {
    const { body } = await register('PUT', [slash('rank'), { type: 2, name: 'High Five' }]);
    const [rank, highFive] = body as unknown as Array<{ id: string }>;
    expect(await register('PATCH', { name: 'Rank Me' }, `/${rank?.id}`)).toEqual(
      formError(['name'], 'APPLICATION_COMMAND_INVALID_NAME'),
    );
    expect(await register('PATCH', { name: 'Big High Five' }, `/${highFive?.id}`)).toMatchObject({
      status: 200,
      body: { name: 'Big High Five' },
    });
  });
});
