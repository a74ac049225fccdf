import { describe, expect, it } from 'vitest';
import { checkNewPassword, passwordProblem } from '../../core/password-policy.ts';
import { generateOneTimePassword } from './passwords.ts';

describe('the password rules', () => {
  it('refuse blank, short and username-bearing passwords without the estimator', () => {
    expect(passwordProblem(' '.repeat(10), 'erin')).toBe('Use letters, digits or symbols, not only spaces.');
    expect(passwordProblem('\t'.repeat(14), 'erin')).toMatch(/not only spaces/);
    expect(passwordProblem('Qz7!kp2Lm9x', 'erin')).toBe('Use at least 12 characters.');
    expect(passwordProblem('x'.repeat(201), 'erin')).toBe('Use at most 200 characters.');
    expect(passwordProblem('Quartz ERIN lantern 42', 'erin')).toBe(
      'Leave your username out of the password.',
    );
    expect(passwordProblem('Quartz lantern 42 orbit', 'erin')).toBeNull();
  });

  it('refuse common and guessable passwords with the reason the estimator gives', async () => {
    for (const weak of ['password1234', 'qwertyuiop123', 'aaaaaaaaaaaa', 'Password123!'])
      expect(await checkNewPassword(weak, 'erin'), weak).toMatch(/^Too easy to guess\. /);
    expect(await checkNewPassword('password1234', 'erin')).toMatch(/commonly used password/);
    for (const strong of ['Quartz lantern 42 orbit', 'correct horse battery', 'kT9vQ2mLx7pR'])
      expect(await checkNewPassword(strong, 'erin'), strong).toBeNull();
  });

  it('are met by every generated one-time password', async () => {
    for (let i = 0; i < 20; i++)
      expect(await checkNewPassword(generateOneTimePassword(), 'admin')).toBeNull();
  });
});
