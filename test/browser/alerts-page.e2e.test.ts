import { beforeAll, describe, expect, it } from 'vitest';
import { runPagerCommand } from '../../src/alerts/pager-command.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';

/**
 * The pager in the panel: an admin takes a sign-up code on their own page and sees it confirmed
 * once a bot took it; the Alerts page lists incidents with who was paged, and follows new ones live.
 */

let world: BrowserWorld;

beforeAll(async () => {
  world = await openBrowserWorld();
});

closeBrowserWorldAfterTests(() => world);

describe('alerts by DM in the panel', () => {
  it('gives a one-time code to send to the bot, and shows the sign-up once the bot took it', async () => {
    const page = await world.signedInPage('/pager');
    await page.getByTestId('pager-telegram').getByText('Off').waitFor();
    await page.getByRole('button', { name: 'Get a sign-up code' }).click();
    const command = await page.getByText(/^\/pager [2-9A-HJKMNP-Z]{8}$/).textContent();
    const code = command!.split(' ')[1]!;
    const signedUp = await runPagerCommand(world.tandem.db.pool, {
      platform: 'telegram',
      platformUserId: '777',
      language: 'en',
      args: code,
    });
    expect(signedUp).toEqual({ kind: 'confirmed', username: 'alice' });
    await page.reload();
    await page
      .getByTestId('pager-telegram')
      .getByText(/On since/)
      .waitFor();
  });

  it('lists the incidents with who was paged, and a new one appears live', async () => {
    const page = await world.signedInPage('/alert_incidents');
    await page.getByText('Nothing has gone wrong yet').waitFor();
    const { rows } = await world.tandem.db.pool.query<{ id: string }>(
      `INSERT INTO alert_incidents (condition_key, started_at, details)
       VALUES ('queue-backlog:notifications', now() - interval '5 minutes', '{"kind": "queueBacklog"}') RETURNING id`,
    );
    const { rows: admins } = await world.tandem.db.pool.query<{ id: string }>(
      `SELECT id FROM admins WHERE username = 'alice'`,
    );
    await world.tandem.db.pool.query(
      `INSERT INTO alert_pages (incident_id, admin_id, platform, kind) VALUES ($1, $2, 'telegram', 'opened')`,
      [rows[0]!.id, admins[0]!.id],
    );
    await world.tandem.changes.publish({ entity: 'alert_incidents', action: 'created', id: rows[0]!.id });
    await page.getByText('Queue backing up: notifications').waitFor();
    await page.getByText('alice · telegram').waitFor();
    await page.getByText('Open', { exact: true }).first().waitFor();
  });
});
