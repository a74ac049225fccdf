import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InitDataRefusedError, signInitData, validateInitData } from './init-data.ts';

const token = '123456:TEST-token_for-mini-app';
const now = new Date('2026-12-06T12:00:00Z');
const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000));
const user = JSON.stringify({ id: 42, first_name: 'Ann', username: 'ann', language_code: 'ru' });

function signed(authDate = now, fields: Record<string, string> = {}) {
  return signInitData({ auth_date: seconds(authDate), query_id: 'AAH', user, ...fields }, token);
}

describe('Mini App init data', () => {
  it('accepts data signed with the bot token and returns its user', () => {
    const valid = validateInitData(signed(), token, { now });
    expect(valid.user).toEqual({ id: 42, firstName: 'Ann', username: 'ann', languageCode: 'ru' });
    expect(valid.authDate).toEqual(now);
  });

  it('checks the hash exactly as Telegram documents it', () => {
    // Computed here from the documentation, independently of signInitData.
    const fields = { auth_date: seconds(now), user, query_id: 'AAH' };
    const check = Object.entries(fields)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('\n');
    const secret = createHmac('sha256', 'WebAppData').update(token).digest();
    const hash = createHmac('sha256', secret).update(check).digest('hex');
    const raw = new URLSearchParams({ ...fields, hash }).toString();
    expect(validateInitData(raw, token, { now }).user.id).toBe(42);
    expect(signed()).toContain(`hash=${hash}`);
  });

  it('refuses a forged hash or a changed field', () => {
    const raw = signed();
    const forged = raw.replace(/hash=([0-9a-f])/, (_m, c: string) => `hash=${c === 'a' ? 'b' : 'a'}`);
    expect(() => validateInitData(forged, token, { now })).toThrow(/not signed by this bot/);
    const changed = raw.replace('ann', 'eve');
    expect(() => validateInitData(changed, token, { now })).toThrow(InitDataRefusedError);
    expect(() => validateInitData('user=%7B%7D', token, { now })).toThrow(/no valid hash/);
  });

  it('refuses data signed with another bot token', () => {
    const other = signInitData({ auth_date: seconds(now), user }, '654321:other-bot');
    expect(() => validateInitData(other, token, { now })).toThrow(/not signed by this bot/);
  });

  it('refuses stale data and allows data within the age', () => {
    const day = 24 * 60 * 60 * 1000;
    expect(() => validateInitData(signed(new Date(now.getTime() - day - 1000)), token, { now })).toThrow(
      /expired/,
    );
    expect(validateInitData(signed(new Date(now.getTime() - day + 1000)), token, { now }).user.id).toBe(42);
    expect(() =>
      validateInitData(signed(new Date(now.getTime() - 120_000)), token, { now, maxAgeSeconds: 60 }),
    ).toThrow(/expired/);
  });

  it('refuses data dated in the future beyond a small skew', () => {
    expect(validateInitData(signed(new Date(now.getTime() + 30_000)), token, { now }).user.id).toBe(42);
    expect(() => validateInitData(signed(new Date(now.getTime() + 600_000)), token, { now })).toThrow(
      /future/,
    );
  });

  it('refuses data without a user', () => {
    const raw = signInitData({ auth_date: seconds(now) }, token);
    expect(() => validateInitData(raw, token, { now })).toThrow(/no Telegram user/);
  });
});
