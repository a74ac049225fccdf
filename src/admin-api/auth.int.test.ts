import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminApiWorld,
  json,
  openAdminApiWorld,
  panelHeaders,
  testPassword,
} from '../../test/support/admin-api-world.ts';
import { ensureFirstAdmin } from './auth/first-admin.ts';
import { verifyPassword } from './auth/passwords.ts';

let world: AdminApiWorld;
beforeAll(async () => {
  world = await openAdminApiWorld({
    api: { trustProxy: 'loopback', loginRateLimit: { perUsername: 3, perAddress: 5, windowSeconds: 60 } },
  });
  await world.createAdmin('alice', 'admin');
  await world.createAdmin('oscar', 'operator');
});
afterAll(async () => {
  await world?.stop();
});

describe('signing in', () => {
  it('answers who signed in and sets an httpOnly, SameSite=Lax session cookie for the whole site', async () => {
    const response = await world.call('/api/auth/login', {
      body: { username: 'alice', password: testPassword },
      address: '10.0.0.1',
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      username: 'alice',
      role: 'admin',
      mustChangePassword: false,
    });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tandem_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    // Plain http here: `auto` leaves Secure off, and sets it behind a TLS proxy.
    expect(cookie).not.toMatch(/Secure/);
    const admin = await world.tandem.db.prisma.admin.findUniqueOrThrow({ where: { username: 'alice' } });
    expect(admin.lastLoginAt).not.toBeNull();
  });

  it('sets Secure when the request came over https through a trusted proxy', async () => {
    const response = await fetch(`${world.url}/api/auth/login`, {
      method: 'POST',
      headers: {
        // The panel's page was opened over https too, at the proxy.
        ...panelHeaders(world.url.replace(/^http:/, 'https:')),
        'content-type': 'application/json',
        'x-forwarded-proto': 'https',
        'x-forwarded-for': '10.0.0.2',
      },
      body: JSON.stringify({ username: 'alice', password: testPassword }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('says the same for a wrong password and an unknown username, and never which', async () => {
    for (const body of [
      { username: 'alice', password: 'not the password' },
      { username: 'nobody', password: testPassword },
    ]) {
      const response = await world.call('/api/auth/login', { body, address: '10.0.0.3' });
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect((await json(response)).message).toBe('Wrong username or password.');
    }
  });

  it('names the missing fields of a malformed sign-in', async () => {
    const response = await world.call('/api/auth/login', { body: { username: '' }, address: '10.0.0.4' });
    expect(response.status).toBe(400);
    expect((await json(response)).errors).toMatchObject({
      username: 'Enter your username.',
      password: expect.any(String),
    });
  });

  it('refuses a body that is not JSON with a 400', async () => {
    const response = await fetch(`${world.url}/api/auth/login`, {
      method: 'POST',
      headers: { ...panelHeaders(world.url), 'content-type': 'application/json' },
      body: '{"username": ',
    });
    expect(response.status).toBe(400);
    expect((await json(response)).message).toBe('The request body is not valid JSON.');
  });

  it('is rate-limited per address and username, then per address, with Retry-After', async () => {
    const address = '10.0.1.1';
    for (let i = 0; i < 3; i++) {
      const wrong = await world.call('/api/auth/login', {
        body: { username: 'alice', password: `wrong-${i}` },
        address,
      });
      expect(wrong.status).toBe(401);
    }
    // The right password no longer helps from this address for this username...
    const blocked = await world.call('/api/auth/login', {
      body: { username: 'alice', password: testPassword },
      address,
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(blocked)).message).toMatch(/Too many failed sign-ins/);
    // ...but does from another address, and for another username until the address's total is spent.
    expect(
      (
        await world.call('/api/auth/login', {
          body: { username: 'alice', password: testPassword },
          address: '10.0.1.2',
        })
      ).status,
    ).toBe(200);
    for (const username of ['bob', 'carol'])
      expect(
        (await world.call('/api/auth/login', { body: { username, password: 'x' }, address })).status,
      ).toBe(401);
    const spent = await world.call('/api/auth/login', {
      body: { username: 'oscar', password: testPassword },
      address,
    });
    expect(spent.status).toBe(429);
  });
});

describe('a session', () => {
  it('opens /api/auth/me and ends with logout', async () => {
    const cookie = await world.signIn('alice');
    const me = await world.call('/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({ username: 'alice', role: 'admin' });

    const logout = await world.call('/api/auth/logout', { method: 'POST', cookie });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^tandem_session=; Max-Age=0/);
    expect((await world.call('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('is refused when forged, and for a deactivated admin', async () => {
    for (const cookie of [
      'tandem_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'tandem_session=not-even-the-right-shape',
    ]) {
      const response = await world.call('/api/players', { cookie });
      expect(response.status).toBe(401);
      expect((await json(response)).message).toMatch(/Sign in first/);
    }
    await world.createAdmin('dora', 'admin');
    const cookie = await world.signIn('dora');
    expect((await world.call('/api/auth/me', { cookie })).status).toBe(200);
    await world.tandem.db.prisma.admin.update({ where: { username: 'dora' }, data: { active: false } });
    expect((await world.call('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('changes its password: the current one checked, other sessions ended, this one kept', async () => {
    await world.createAdmin('erin', 'admin');
    const here = await world.signIn('erin');
    const elsewhere = await world.signIn('erin');
    const wrong = await world.call('/api/auth/password', {
      cookie: here,
      body: { currentPassword: 'not it at all', newPassword: 'a brand new secret' },
    });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).errors.currentPassword).toBe('The current password is wrong.');
    const short = await world.call('/api/auth/password', {
      cookie: here,
      body: { currentPassword: testPassword, newPassword: 'short' },
    });
    expect((await json(short)).errors.newPassword).toMatch(/at least 12 characters/);

    const changed = await world.call('/api/auth/password', {
      cookie: here,
      body: { currentPassword: testPassword, newPassword: 'a brand new secret' },
    });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ username: 'erin', mustChangePassword: false });
    expect((await world.call('/api/auth/me', { cookie: here })).status).toBe(200);
    expect((await world.call('/api/auth/me', { cookie: elsewhere })).status).toBe(401);
    await world.signIn('erin', 'a brand new secret');
  });
});

describe('the /api guards', () => {
  it('refuse every /api route without a session', async () => {
    for (const path of [
      '/api/players',
      '/api/ledger',
      '/api/sync_events',
      '/api/admins',
      '/api/no-such-thing',
    ]) {
      const response = await world.call(path);
      expect(response.status, path).toBe(401);
    }
    expect((await world.call('/api/players/x', { method: 'PUT', body: { displayName: 'x' } })).status).toBe(
      401,
    );
  });

  it('answer an unknown /api route with a JSON 404 once signed in', async () => {
    const cookie = await world.signIn('alice');
    const response = await world.call('/api/no-such-thing', { cookie });
    expect(response.status).toBe(404);
    expect((await json(response)).message).toMatch(/No such API route/);
  });

  it('let an operator read and retry sync events, and refuse their other writes with a clear message', async () => {
    const cookie = await world.signIn('oscar');
    expect((await world.call('/api/players', { cookie })).status).toBe(200);
    const write = await world.call('/api/ranks', {
      cookie,
      body: { name: 'Made by an operator', minXp: 99_999 },
    });
    expect(write.status).toBe(403);
    expect((await json(write)).message).toMatch(/needs the admin role/);
    const admins = await world.call('/api/admins', { cookie });
    expect(admins.status).toBe(403);
    expect(await world.tandem.db.prisma.rank.count({ where: { name: 'Made by an operator' } })).toBe(0);

    // Past the role guard: the resource itself answers (no such event, or nothing to retry).
    const unknown = '00000000-0000-4000-8000-000000000000';
    const retry = await world.call(`/api/sync_events/${unknown}/retry`, { cookie, method: 'POST' });
    expect(retry.status).not.toBe(403);
    expect(retry.status).not.toBe(401);
    const bulk = await world.call('/api/sync_events/retry', { cookie, body: { ids: [unknown] } });
    expect(bulk.status).not.toBe(403);
  });
});

describe('the first admin', () => {
  it('comes from the environment, and is put back with that password at the next start', async () => {
    const config = { ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: 'Granite kettle 71 harbor' };
    expect(await ensureFirstAdmin(world.tandem, config)).toEqual({ username: 'owner' });
    await world.tandem.db.prisma.admin.update({
      where: { username: 'owner' },
      data: { active: false, role: 'operator' },
    });
    expect(
      await ensureFirstAdmin(world.tandem, { ...config, ADMIN_PASSWORD: 'Granite kettle 72 harbor' }),
    ).toEqual({
      username: 'owner',
    });
    const owner = await world.tandem.db.prisma.admin.findUniqueOrThrow({ where: { username: 'owner' } });
    expect(owner).toMatchObject({ active: true, role: 'admin', mustChangePassword: false });
    expect(await verifyPassword('Granite kettle 72 harbor', owner.passwordHash)).toBe(true);
    await world.signIn('owner', 'Granite kettle 72 harbor');
  });

  it('is generated once, with a one-time password to change, when no admin exists', async () => {
    const prisma = world.tandem.db.prisma;
    const saved = await prisma.admin.findMany();
    await prisma.admin.deleteMany();
    try {
      const first = await ensureFirstAdmin(world.tandem, {});
      expect(first).toMatchObject({ username: 'admin', oneTimePassword: expect.stringMatching(/^\w{20}$/) });
      expect(await ensureFirstAdmin(world.tandem, {})).toBeNull();
      const cookie = await world.signIn('admin', first!.oneTimePassword);
      expect(await json(await world.call('/api/auth/me', { cookie }))).toMatchObject({
        role: 'admin',
        mustChangePassword: true,
      });
    } finally {
      await prisma.admin.deleteMany();
      await prisma.admin.createMany({ data: saved });
    }
  });
});
