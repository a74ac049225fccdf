import type { Update } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';
import { callBotApi } from './testing.ts';

const fixture = useTelegramEmulator();

function api<T = unknown>(method: string, params: Record<string, unknown> = {}) {
  return callBotApi<T>(fixture.url, fixture.emulator.defaultBot.token, method, params);
}

// Webhooks and allowed_updates outlive the fixture's reset (they belong to the running bot).
afterEach(async () => {
  await api('deleteWebhook');
  await api('getUpdates', { allowed_updates: [] });
});

function refusal(status: number, description: string) {
  return { status, body: { ok: false, error_code: status, description } };
}

describe('getUpdates parameters', () => {
  it('reads limit as the Bot API server does: unreadable text counts as 0 and is clamped to 1', async () => {
    const user = await fixture.control.createUser({ firstName: 'Ana' });
    await fixture.control.sendMessage({ from: user.id, text: 'one' });
    await fixture.control.sendMessage({ from: user.id, text: 'two' });
    const { body } = await api<Update[]>('getUpdates', { limit: 'many' });
    expect(body.ok && body.result?.length).toBe(1);
  });

  it('ignores an allowed_updates it cannot read, keeping the previous list', async () => {
    await api('getUpdates', { allowed_updates: ['message'] });
    expect((await api('getUpdates', { allowed_updates: '{not json' })).status).toBe(200);
    await api('setWebhook', { url: 'http://127.0.0.1:9/hook' });
    const { body } = await api<{ allowed_updates?: string[] }>('getWebhookInfo');
    expect(body.ok && body.result?.allowed_updates).toEqual(['message']);
  });

  it('ends a parked poll with 409 when a webhook is set', async () => {
    const parked = fixture.emulator.control.waitFor({ types: ['bot.poll'] });
    const poll = api('getUpdates', { timeout: 50 });
    await parked;
    await api('setWebhook', { url: 'http://127.0.0.1:9/hook' });
    expect(await poll).toEqual(refusal(409, 'Conflict: terminated by setWebhook request'));
  });
});

describe('setWebhook parameters', () => {
  it('refuses a URL it cannot read, and a scheme-less URL stands for https', async () => {
    expect(await api('setWebhook', { url: 'ftp://bot.example.com/hook' })).toEqual(
      refusal(400, 'Bad Request: invalid webhook URL specified'),
    );
    expect(await api('setWebhook', { url: 'bot.example.com/hook' })).toEqual({
      status: 200,
      body: { ok: true, result: true, description: 'Webhook was set' },
    });
    const { body } = await api<{ url: string }>('getWebhookInfo');
    expect(body.ok && body.result?.url).toBe('bot.example.com/hook');
  });

  it('checks the secret token’s length and alphabet; an empty one means none', async () => {
    expect(
      await api('setWebhook', { url: 'https://bot.example.com/a', secret_token: 'x'.repeat(257) }),
    ).toEqual(refusal(400, 'Bad Request: secret token is too long'));
    expect(await api('setWebhook', { url: 'https://bot.example.com/a', secret_token: 'not ok!' })).toEqual(
      refusal(400, 'Bad Request: secret token contains unallowed characters'),
    );
    expect((await api('setWebhook', { url: 'https://bot.example.com/a', secret_token: '' })).status).toBe(
      200,
    );
  });

  it('clamps max_connections to 1-100 instead of refusing it', async () => {
    await api('setWebhook', { url: 'https://bot.example.com/a', max_connections: 1000 });
    expect((await api<{ max_connections: number }>('getWebhookInfo')).body).toMatchObject({
      result: { max_connections: 100 },
    });
    await api('setWebhook', { url: 'https://bot.example.com/a', max_connections: 0 });
    expect((await api<{ max_connections: number }>('getWebhookInfo')).body).toMatchObject({
      result: { max_connections: 1 },
    });
  });

  it('is "already set" only when every setting is unchanged', async () => {
    const params = { url: 'https://bot.example.com/a', max_connections: 10 };
    await api('setWebhook', params);
    expect((await api('setWebhook', params)).body).toMatchObject({ description: 'Webhook is already set' });
    expect((await api('setWebhook', { ...params, max_connections: 11 })).body).toMatchObject({
      description: 'Webhook was set',
    });
    expect(
      (await api('setWebhook', { ...params, max_connections: 11, drop_pending_updates: true })).body,
    ).toMatchObject({ description: 'Webhook was set' });
  });

  it('removes the old webhook and drops pending updates before it refuses a new URL', async () => {
    const user = await fixture.control.createUser({ firstName: 'Ben' });
    await api('setWebhook', { url: 'https://bot.example.com/a' });
    await fixture.control.sendMessage({ from: user.id, text: 'waiting' });
    expect(await api('setWebhook', { url: 'http://bot.example.com/b', drop_pending_updates: true })).toEqual(
      refusal(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook'),
    );
    expect((await api('getWebhookInfo')).body).toMatchObject({
      result: { url: '', pending_update_count: 0 },
    });
  });
});
