// Passwords people can guess are refused wherever a password is set: an admin changing their own,
// an admin creating an account or resetting another's, and ADMIN_PASSWORD at start. Each refusal
// names the rule broken and changes nothing; a strong password goes through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin, refuseWeakAdminPassword } from '../../src/admin-api/auth/first-admin.ts';
import { verifyPassword } from '../../src/admin-api/auth/passwords.ts';
import { ConfigError } from '../../src/config.ts';
import { type AdminApiWorld, json, openAdminApiWorld, testPassword } from '../support/admin-api-world.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';

let world: AdminApiWorld;
let alice: string;
let erinId: string;

beforeAll(async () => {
  world = await openAdminApiWorld();
  await world.createAdmin('alice', 'admin');
  erinId = await world.createAdmin('erin', 'admin');
  alice = await world.signIn('alice');
});
afterAll(async () => {
  await world?.stop();
});

/** Weak passwords for the account `erin`, with the words each refusal must say. */
const weakForErin: Array<[password: string, why: RegExp]> = [
  [' '.repeat(10), /not only spaces/],
  [' '.repeat(14), /not only spaces/],
  ['password1234', /Too easy to guess.*commonly used password/],
  ['Quartz-ERIN-lantern-42', /username out of the password/],
  ['Qz7!kp2Lm9x', /at least 12 characters/],
];
const strong = 'Quartz lantern 42 orbit';

async function erinsHash(): Promise<string> {
  return (await world.tandem.db.prisma.admin.findUniqueOrThrow({ where: { id: erinId } })).passwordHash;
}

describe('a weak password', () => {
  it('is refused when an admin changes their own, and the old one still works', async () => {
    const erin = await world.signIn('erin');
    const before = await databaseFingerprint(world.tandem.db.pool);
    for (const [password, why] of weakForErin) {
      const answer = await world.call('/api/auth/password', {
        cookie: erin,
        body: { currentPassword: testPassword, newPassword: password },
      });
      expect(answer.status, JSON.stringify(password)).toBe(400);
      const body = await json(answer);
      expect(body.errors.newPassword, JSON.stringify(password)).toMatch(why);
      expect(body.message).toBe(body.errors.newPassword);
    }
    expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before);
    expect(await verifyPassword(testPassword, await erinsHash())).toBe(true);
    // Refusals of the new password spent none of the budget for wrong current passwords.
    const changed = await world.call('/api/auth/password', {
      cookie: erin,
      body: { currentPassword: testPassword, newPassword: strong },
    });
    expect(changed.status).toBe(200);
    expect(await verifyPassword(strong, await erinsHash())).toBe(true);
  });

  it('is refused for a new account and for a reset, and nothing is written', async () => {
    const before = await databaseFingerprint(world.tandem.db.pool);
    for (const [password, why] of weakForErin) {
      const created = await world.call('/api/admins', {
        cookie: alice,
        body: { username: 'erin2', password: password.replaceAll('ERIN', 'ERIN2'), role: 'operator' },
      });
      expect(created.status, JSON.stringify(password)).toBe(400);
      expect((await json(created)).errors.password, JSON.stringify(password)).toMatch(why);

      const reset = await world.call(`/api/admins/${erinId}`, {
        method: 'PUT',
        cookie: alice,
        body: { password },
      });
      expect(reset.status, JSON.stringify(password)).toBe(400);
      expect((await json(reset)).errors.password, JSON.stringify(password)).toMatch(why);
    }
    expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before);

    const created = await world.call('/api/admins', {
      cookie: alice,
      body: { username: 'frank', password: strong, role: 'operator' },
    });
    expect(created.status).toBe(201);
    const reset = await world.call(`/api/admins/${erinId}`, {
      method: 'PUT',
      cookie: alice,
      body: { password: 'Velvet anchor 19 meadow' },
    });
    expect(reset.status).toBe(200);
    expect(await verifyPassword('Velvet anchor 19 meadow', await erinsHash())).toBe(true);
  });

  it('in ADMIN_PASSWORD stops the start with the reason, before any account is touched', async () => {
    const before = await databaseFingerprint(world.tandem.db.pool);
    for (const ADMIN_PASSWORD of ['password1234', 'Owner-quartz-lantern', '            ']) {
      const config = { ADMIN_USERNAME: 'owner', ADMIN_PASSWORD };
      await expect(refuseWeakAdminPassword(config)).rejects.toThrow(ConfigError);
      await expect(ensureFirstAdmin(world.tandem, config)).rejects.toThrow(/ADMIN_PASSWORD is refused: /);
    }
    expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before);
    await refuseWeakAdminPassword({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: strong });
  });
});
