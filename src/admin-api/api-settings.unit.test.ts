import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { adminApiSettings } from './api-settings.ts';

describe('the admin API settings', () => {
  it('follow the environment', () => {
    expect(adminApiSettings(loadConfig({}))).toEqual({
      port: 3000,
      secureCookies: 'auto',
      trustProxy: undefined,
    });
    expect(adminApiSettings(loadConfig({ PORT: '8000', COOKIE_SECURE: 'true', TRUST_PROXY: '1' }))).toEqual({
      port: 8000,
      secureCookies: true,
      trustProxy: 1,
    });
    expect(adminApiSettings(loadConfig({ COOKIE_SECURE: 'false' })).secureCookies).toBe(false);
  });
});
