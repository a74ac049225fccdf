import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, settingNames } from './config.ts';

describe('settings', () => {
  it('work on a laptop with nothing set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config).toMatchObject({
      SYNC_ATTEMPTS: 8,
      RECONCILE_EVERY_MS: 900_000,
      RETENTION_COMPLETED_DAYS: 30,
      RETENTION_FAILED_DAYS: 7,
      CLEANUP_PATTERN: '0 4 * * *',
      ROLE_DRIFT_POLICY: 'restore',
    });
  });

  it('treat an empty value as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', SYNC_ATTEMPTS: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SYNC_ATTEMPTS).toBe(8);
  });

  it('take a pooler address with PostgreSQL itself beside it, and named statements turned off', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://tandem@pgbouncer:6432/tandem',
      DATABASE_DIRECT_URL:
        'postgresql://tandem@db:5432/tandem?sslmode=verify-full&sslrootcert=/etc/tandem/ca.pem',
      DATABASE_NAMED_STATEMENTS: 'false',
    });
    expect(config).toMatchObject({ DATABASE_NAMED_STATEMENTS: false });
    expect(loadConfig({}).DATABASE_NAMED_STATEMENTS).toBe(true);
    expect(() => loadConfig({ DATABASE_NAMED_STATEMENTS: 'no' })).toThrow(
      /DATABASE_NAMED_STATEMENTS: true or false/,
    );
    expect(() => loadConfig({ DATABASE_DIRECT_URL: 'postgresql://tandem@db:5432/tandem' })).toThrow(
      /DATABASE_URL: required with DATABASE_DIRECT_URL/,
    );
  });

  it('list every bad value at once, by name', () => {
    const error = (() => {
      try {
        loadConfig({ DATABASE_URL: 'mysql://x', SYNC_ATTEMPTS: 'three', QUEUE_PREFIX: 'Has Spaces' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/DATABASE_URL/);
    expect(error?.message).toMatch(/SYNC_ATTEMPTS/);
    expect(error?.message).toMatch(/QUEUE_PREFIX/);
  });

  it('refuse a webhook without its secret, and a Discord token without the guild it manages', () => {
    expect(() =>
      loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/hook' }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET: required with TELEGRAM_WEBHOOK_URL/);
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: 'http://bot.example.com/hook' })).toThrow(
      /TELEGRAM_WEBHOOK_URL: must be an https:\/\/ URL/,
    );
    expect(() => loadConfig({ DISCORD_BOT_TOKEN: 'x' })).toThrow(
      /DISCORD_GUILD_ID: required with DISCORD_BOT_TOKEN/,
    );
    expect(
      loadConfig({
        TELEGRAM_BOT_TOKEN: '1:abc',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/hook',
        TELEGRAM_WEBHOOK_SECRET: 'a-secret-of-16-chars',
      }).TELEGRAM_WEBHOOK_PORT,
    ).toBe(8443);
  });
});

describe('admin panel settings', () => {
  it('default to a generated first admin, cookies Secure on https, no proxy trusted', () => {
    const config = loadConfig({});
    expect(config.ADMIN_USERNAME).toBeUndefined();
    expect(config.ADMIN_PASSWORD).toBeUndefined();
    expect(config.COOKIE_SECURE).toBe('auto');
    expect(config.TRUST_PROXY).toBeUndefined();
  });

  it('take the first admin from the environment, both values or neither', () => {
    expect(loadConfig({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: 'long-enough-1' })).toMatchObject({
      ADMIN_USERNAME: 'owner',
      ADMIN_PASSWORD: 'long-enough-1',
    });
    expect(() => loadConfig({ ADMIN_USERNAME: 'owner' })).toThrow(
      /ADMIN_PASSWORD: ADMIN_USERNAME and ADMIN_PASSWORD go together/,
    );
    expect(() => loadConfig({ ADMIN_PASSWORD: 'long-enough-1' })).toThrow(/ADMIN_USERNAME: /);
    expect(() => loadConfig({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD: at least 12 characters/,
    );
    expect(() => loadConfig({ ADMIN_USERNAME: 'o w', ADMIN_PASSWORD: 'long-enough-1' })).toThrow(
      /ADMIN_USERNAME: 3-64 letters/,
    );
  });

  it('read TRUST_PROXY as express does: true, a hop count, or addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
  });

  it('read ALLOWED_ORIGINS as a list of origins, and refuse anything more than an origin', () => {
    expect(loadConfig({}).ALLOWED_ORIGINS).toBeUndefined();
    expect(
      loadConfig({ ALLOWED_ORIGINS: 'https://Admin.Example.com, http://10.0.0.5:8080/,' }).ALLOWED_ORIGINS,
    ).toEqual(['https://admin.example.com', 'http://10.0.0.5:8080']);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://admin.example.com/panel' })).toThrow(
      /ALLOWED_ORIGINS: https:\/\/admin.example.com\/panel is not an origin/,
    );
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'admin.example.com' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'ftp://admin.example.com' })).toThrow(/ALLOWED_ORIGINS/);
  });
});

describe('probe settings', () => {
  it('serve the probes of API-less processes on 8090 by default, any free port with 0', () => {
    expect(loadConfig({}).HEALTH_PORT).toBe(8090);
    expect(loadConfig({ HEALTH_PORT: '0' }).HEALTH_PORT).toBe(0);
    expect(() => loadConfig({ HEALTH_PORT: '70000' })).toThrow(/HEALTH_PORT/);
    expect(() => loadConfig({ HEALTH_PORT: 'http' })).toThrow(/HEALTH_PORT/);
  });

  it('name every setting the schema reads', () => {
    expect(settingNames).toContain('HEALTH_PORT');
    expect(settingNames).toContain('DATABASE_URL');
    expect(new Set(settingNames).size).toBe(settingNames.length);
  });
});
