import { describe, expect, it } from 'vitest';
import { generateOneTimePassword, hashPassword, verifyPassword } from './passwords.ts';

describe('admin passwords', () => {
  it('verify against their own hash only, with a fresh salt each time', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
  });

  it('never match a malformed stored value', async () => {
    for (const stored of [
      '',
      'plain',
      'bcrypt$x$y',
      'scrypt$16384$8$1$c2FsdA==$',
      'scrypt$$$$$',
      'scrypt$abc$8$1$c2FsdA==$aGFzaA==',
    ])
      expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('generate one-time passwords without look-alike characters', () => {
    const passwords = Array.from({ length: 50 }, () => generateOneTimePassword());
    for (const p of passwords) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
    expect(new Set(passwords).size).toBe(50);
  });
});
