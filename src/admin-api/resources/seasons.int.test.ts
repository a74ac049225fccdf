import { afterEach, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../../test/support/admin-api-world.ts';

let world: AdminApiWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

type Answer = { message: string; errors: Record<string, string> };

describe('the seasons resource', () => {
  it('refuses bad seasons with field errors and writes nothing', async () => {
    world = await openAdminApiWorld();
    await world.createAdmin('boss');
    const cookie = await world.signIn('boss');
    const post = (body: unknown) => world!.call('/api/seasons', { method: 'POST', cookie, body });

    const backwards = await post({
      name: 'Back',
      startsAt: '2026-12-10T00:00:00Z',
      endsAt: '2026-12-01T00:00:00Z',
    });
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as Answer).errors).toMatchObject({ endsAt: 'must be after startsAt' });

    const noEnd = await post({ name: 'Custom', startsAt: '2026-12-10T00:00:00Z' });
    expect(noEnd.status).toBe(400);
    expect(((await noEnd.json()) as Answer).errors.endsAt).toMatch(/required for a custom season/);

    const bad = await post({
      name: '',
      startsAt: 'tomorrow',
      winners: 0,
      rewards: [{ xp: -5 }],
      discordRoleId: 'moderators',
    });
    expect(bad.status).toBe(400);
    const fields = Object.keys(((await bad.json()) as Answer).errors).filter((f) => f !== 'root');
    expect(fields.sort()).toEqual(['discordRoleId', 'name', 'rewards.0.xp', 'startsAt', 'winners']);
    expect(await world.tandem.db.prisma.season.count()).toBe(0);
  });

  it('creates weekly and monthly seasons from presets, lets them overlap, and keeps a closed one final', async () => {
    world = await openAdminApiWorld();
    await world.createAdmin('boss');
    const cookie = await world.signIn('boss');
    const weekly = await world.call('/api/seasons', {
      method: 'POST',
      cookie,
      body: {
        name: 'Week',
        startsAt: '2026-12-07T00:00:00Z',
        recurrence: 'weekly',
        winners: 3,
        rewards: [{ xp: 100, coins: 50 }, { xp: 50 }],
        discordRoleId: '123456789',
      },
    });
    expect(weekly.status).toBe(201);
    const created = (await weekly.json()) as Record<string, unknown>;
    expect(created).toMatchObject({
      name: 'Week',
      endsAt: '2026-12-14T00:00:00.000Z',
      recurrence: 'weekly',
      rewards: [
        { xp: 100, coins: 50 },
        { xp: 50, coins: 0 },
      ],
      version: 1,
      results: [],
    });
    const monthly = await world.call('/api/seasons', {
      method: 'POST',
      cookie,
      body: { name: 'January', startsAt: '2027-01-31T00:00:00Z', recurrence: 'monthly' },
    });
    expect(await monthly.json()).toMatchObject({ endsAt: '2027-02-28T00:00:00.000Z' });
    const overlapping = await world.call('/api/seasons', {
      method: 'POST',
      cookie,
      body: { name: 'December', startsAt: '2026-12-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z' },
    });
    expect(overlapping.status).toBe(201);

    const renamed = await world.call(`/api/seasons/${created.id}`, {
      method: 'PUT',
      cookie,
      body: { name: 'Week one', version: 1 },
    });
    expect(await renamed.json()).toMatchObject({ name: 'Week one', version: 2 });
    const backwards = await world.call(`/api/seasons/${created.id}`, {
      method: 'PUT',
      cookie,
      body: { endsAt: '2026-12-01T00:00:00Z', version: 2 },
    });
    expect(backwards.status).toBe(400);

    await world.tandem.db.pool.query('UPDATE seasons SET closed_at = now() WHERE id = $1', [created.id]);
    const edit = await world.call(`/api/seasons/${created.id}`, {
      method: 'PUT',
      cookie,
      body: { name: 'Again', version: 2 },
    });
    expect(edit.status).toBe(400);
    expect(((await edit.json()) as Answer).message).toBe(
      'Invalid season: this season is closed: its winners and rewards are final',
    );
    const remove = await world.call(`/api/seasons/${created.id}?version=2`, { method: 'DELETE', cookie });
    expect(remove.status).toBe(400);
  });
});
