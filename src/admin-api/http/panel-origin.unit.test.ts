import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressedOrigin, createPanelOriginCheck, type TrustProxy } from './panel-origin.ts';

const trustNone: TrustProxy = () => false;
const trustAll: TrustProxy = () => true;

/** Only what the check reads of a request: its headers and the connection. */
function request(headers: Record<string, string>, encrypted = false): IncomingMessage {
  return { headers, socket: { remoteAddress: '127.0.0.1', encrypted } } as unknown as IncomingMessage;
}

describe("the panel's own origin", () => {
  it('is the Host the request was sent to, over the connection’s protocol', () => {
    expect(addressedOrigin(request({ host: '127.0.0.1:3000' }), trustNone)).toBe('http://127.0.0.1:3000');
    expect(addressedOrigin(request({ host: 'admin.example.com:443' }, true), trustNone)).toBe(
      'https://admin.example.com',
    );
    expect(addressedOrigin(request({}), trustNone)).toBeUndefined();
    expect(addressedOrigin(request({ host: 'bad host' }), trustNone)).toBeUndefined();
  });

  it('follows X-Forwarded-Host and -Proto only from a proxy TRUST_PROXY believes', () => {
    const proxied = request({
      host: '127.0.0.1:3000',
      'x-forwarded-host': 'admin.example.com, 10.0.0.1',
      'x-forwarded-proto': 'https',
    });
    expect(addressedOrigin(proxied, trustAll)).toBe('https://admin.example.com');
    expect(addressedOrigin(proxied, trustNone)).toBe('http://127.0.0.1:3000');
  });
});

describe('a request from the panel', () => {
  const check = createPanelOriginCheck({
    allowedOrigins: ['https://admin.example.com'],
    trustProxy: trustNone,
  });
  const host = { host: '127.0.0.1:3000' };

  it('names the API’s own origin or one of ALLOWED_ORIGINS', () => {
    expect(check(request({ ...host, origin: 'http://127.0.0.1:3000' }))).toEqual({ fromPanel: true });
    expect(check(request({ ...host, origin: 'https://admin.example.com' }))).toEqual({ fromPanel: true });
    expect(check(request({ ...host, origin: 'HTTPS://Admin.Example.com:443' }))).toEqual({ fromPanel: true });
  });

  it('or names no origin but Sec-Fetch-Site: same-origin', () => {
    expect(check(request({ ...host, 'sec-fetch-site': 'same-origin' }))).toEqual({ fromPanel: true });
  });

  it('is not one from another port, scheme, site or an opaque origin, whatever Sec-Fetch-Site says', () => {
    for (const origin of [
      'http://127.0.0.1:3001',
      'https://127.0.0.1:3000',
      'http://localhost:3000',
      'https://evil.example',
      'null',
    ]) {
      const verdict = check(request({ ...host, origin, 'sec-fetch-site': 'same-origin' }));
      expect(verdict, origin).toMatchObject({ fromPanel: false });
      expect(verdict.fromPanel === false && verdict.reason, origin).toContain(`comes from ${origin}`);
    }
  });

  it('is not one that names no origin, or another site in Sec-Fetch-Site', () => {
    expect(check(request(host))).toMatchObject({
      fromPanel: false,
      reason: expect.stringMatching(/no Origin/),
    });
    for (const site of ['same-site', 'cross-site', 'none'])
      expect(check(request({ ...host, 'sec-fetch-site': site }))).toMatchObject({
        fromPanel: false,
        reason: expect.stringContaining(`Sec-Fetch-Site: ${site}`),
      });
  });
});
