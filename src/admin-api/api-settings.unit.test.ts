import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { adminApiSettings } from './api-settings.ts';

describe('the admin API settings', () => {
  it('follow the environment', () => {
    expect(adminApiSettings(loadConfig({}))).toEqual({
      port: 3000,
      secureCookies: 'auto',
      trustProxy: undefined,
      allowedOrigins: [],
    });
    expect(
      adminApiSettings(
        loadConfig({
          PORT: '8000',
          COOKIE_SECURE: 'true',
          TRUST_PROXY: '1',
          ALLOWED_ORIGINS: 'https://admin.example.com',
        }),
      ),
    ).toEqual({
      port: 8000,
      secureCookies: true,
      trustProxy: 1,
      allowedOrigins: ['https://admin.example.com'],
    });
    expect(adminApiSettings(loadConfig({ COOKIE_SECURE: 'false' })).secureCookies).toBe(false);
  });
});
