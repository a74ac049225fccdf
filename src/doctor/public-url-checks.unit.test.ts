import { describe, expect, it } from 'vitest';
import { checkPublicUrl } from './public-url-checks.ts';

describe('the doctor on PUBLIC_URL, the Mini App menu button', () => {
  it('says the button is off and how to turn it on when PUBLIC_URL is unset, without a warning', () => {
    const result = checkPublicUrl(undefined, 'telegram');
    expect(result).toMatchObject({ name: 'Mini App menu button', ok: true, blocking: false });
    expect(result.detail).toMatch(/^off: PUBLIC_URL is not set; set it to the https address/);
    expect(result.detail).toContain('PUBLIC_URL/app/');
  });

  it('passes an https address, naming where the button leads', () => {
    expect(checkPublicUrl('https://tandem.example.com/', 'telegram')).toMatchObject({
      ok: true,
      detail: "the bot's menu button opens https://tandem.example.com/app/",
    });
  });

  it('warns, without blocking, of a plain http address Telegram would not open', () => {
    const result = checkPublicUrl('http://tandem.example.com', 'telegram');
    expect(result).toMatchObject({ ok: false, blocking: false });
    expect(result.detail).toContain('Telegram opens Mini Apps over https only');
    expect(result.fix).toContain('https://');
  });

  it('takes plain http against the emulator and in the sandbox', () => {
    expect(checkPublicUrl('http://localhost:3000', 'emulator')).toMatchObject({ ok: true });
    expect(checkPublicUrl('http://localhost:3000', 'sandbox')).toMatchObject({ ok: true });
    expect(checkPublicUrl(undefined, 'sandbox').detail).toContain('from this machine');
  });

  it('blocks an address that is none, or that the Mini App address cannot be built on, in every setup', () => {
    for (const [publicUrl, why] of [
      ['tandem.example.com', 'is not an address'],
      ['ftp://tandem.example.com', 'is not an http:// or https:// address'],
      ['https://tandem.example.com/?ref=1', 'has a query or fragment'],
      ['https://admin:secret@tandem.example.com', 'carries a user name or password'],
    ] as const) {
      for (const side of ['telegram', 'emulator', 'sandbox', 'none'] as const) {
        const result = checkPublicUrl(publicUrl, side);
        expect(result, `${publicUrl} (${side})`).toMatchObject({ ok: false, blocking: true });
        expect(result.detail).toContain(why);
        expect(result.fix).toContain('PUBLIC_URL');
      }
    }
  });

  it('skips the button without a Telegram bot, naming where the Mini App is', () => {
    expect(checkPublicUrl('https://tandem.example.com', 'none')).toMatchObject({
      ok: true,
      detail: 'skipped: no TELEGRAM_BOT_TOKEN (the Mini App is at https://tandem.example.com/app/)',
    });
  });
});
