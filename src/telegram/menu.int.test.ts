import type { TelegramTypes as Tg } from '@tandem/emulators/telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { seedDemoContent } from '../content/demo-content.ts';
import { createMenuButton, deleteMenuButton, updateMenuButton } from '../content/menu-buttons.ts';

let t: TelegramBotUnderTest;

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
  await seedDemoContent(t.tandem.db.prisma);
});

afterAll(async () => {
  await t?.close();
});

type Button = { text: string; callback_data?: string; url?: string };

function buttonsOf(message: Tg.Message): Button[] {
  const markup = message.reply_markup as { inline_keyboard?: Button[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat();
}

function button(message: Tg.Message, label: string): Button {
  const found = buttonsOf(message).find((b) => b.text === label);
  if (!found) throw new Error(`no button "${label}" under "${message.text}"`);
  return found;
}

/** The cache keeps entries for a minute: only the announced change can empty it this soon. */
async function menuShows(label: string): Promise<void> {
  await waitFor(
    async () => (await t.deps.content.menu()).some((item) => item.label === label),
    `the menu change reaching the bot (${label})`,
    5_000,
  );
}

describe('/start and the scenario pages', () => {
  it('shows the admin-made menu: scenarios and commands as buttons, links as url buttons', async () => {
    const ana = t.newUser('Ana');
    const menu = await ana.command('start');
    expect(menu.text).toContain('Ana');
    const welcome = await t.tandem.db.prisma.scenario.findUniqueOrThrow({ where: { slug: 'welcome' } });
    expect(buttonsOf(menu)).toEqual([
      { text: 'Profile', callback_data: 'command:profile' },
      { text: 'Daily bonus', callback_data: 'command:daily' },
      { text: 'Play', callback_data: 'command:game' },
      { text: 'Tasks', callback_data: 'command:tasks' },
      { text: 'How it works', callback_data: `scenario:${welcome.id}` },
      { text: 'Community site', url: 'https://example.org/community' },
    ]);
  });

  it('opens scenarios in place with their own buttons, and pays a page reward once', async () => {
    const ben = t.newUser('Ben');
    const menu = await ben.command('start');
    const welcome = await ben.press(menu.message_id, button(menu, 'How it works').callback_data!);
    expect(welcome.message_id).toBe(menu.message_id);
    expect(welcome.text).toContain('How it works');
    expect(buttonsOf(welcome).map((b) => b.text)).toEqual([
      'How to earn XP',
      'Ranks and rewards',
      'Claim your daily bonus',
    ]);

    const pressed = t.emulator.control.lastSeq;
    await ben.press(menu.message_id, button(welcome, 'Ranks and rewards').callback_data!);
    const [ranks, reward] = await ben.answersSince(pressed, 2);
    expect(ranks!.text).toContain('Ranks and rewards');
    expect(reward!.text).toContain('+25 XP');

    // Back to the start and to the rewarding page again: the page shows, no second reward.
    const back = await ben.press(menu.message_id, button(ranks!, 'Back to the start').callback_data!);
    const again = await ben.press(menu.message_id, button(back, 'Ranks and rewards').callback_data!);
    expect(again.text).toContain('Ranks and rewards');
    const playerId = await ben.playerId();
    const { rows } = await t.tandem.db.pool.query(
      `SELECT xp_delta FROM ledger_entries WHERE player_id = $1 AND reason = 'scenario'`,
      [playerId],
    );
    expect(rows).toEqual([{ xp_delta: 25 }]);
    expect(ben.botTexts().filter((text) => text.includes('+25 XP'))).toHaveLength(1);
  });

  it('runs the command a button names, as if it had been typed', async () => {
    const cleo = t.newUser('Cleo');
    const menu = await cleo.command('start');
    const daily = await cleo.press(menu.message_id, 'command:daily');
    expect(daily.message_id).not.toBe(menu.message_id);
    expect(daily.text).toMatch(/XP/);
    const { rows } = await t.tandem.db.pool.query(
      `SELECT count(*)::int AS claims FROM ledger_entries WHERE player_id = $1 AND reason = 'daily'`,
      [await cleo.playerId()],
    );
    expect(rows[0].claims).toBe(1);
  });

  it('opens a page from a deep link, and explains a button naming a command it does not have', async () => {
    const eli = t.newUser('Eli');
    const page = await eli.command('start', 'earning');
    expect(page.text).toContain('Ways to earn');
    expect(buttonsOf(page).map((b) => b.text)).toEqual(['Ranks and rewards', 'Back']);
    expect((await eli.command('start', 'no-such-page')).text).toContain('What would you like to do?');

    // /sync is a Discord command; an admin may still put it on the shared menu.
    const admin = { db: t.tandem.db, changes: t.tandem.changes };
    const sync = await createMenuButton(admin, { label: 'Sync roles', command: '/sync', position: 200 });
    await menuShows('Sync roles');
    const menu = await eli.command('start');
    expect((await eli.press(menu.message_id, 'command:sync')).text).toContain("I don't know that command");
    await deleteMenuButton(admin, { id: sync.id });
  });

  it('shows an admin edit of the menu at the next /start, without a restart', async () => {
    const dana = t.newUser('Dana');
    const before = await dana.command('start');
    expect(buttonsOf(before).map((b) => b.text)).toContain('Profile');

    const admin = { db: t.tandem.db, changes: t.tandem.changes };
    const profile = await t.tandem.db.prisma.menuButton.findFirstOrThrow({ where: { label: 'Profile' } });
    await updateMenuButton(admin, { id: profile.id, expectedVersion: profile.version, label: 'My stats' });
    await createMenuButton(admin, { label: 'Top players', command: '/top', position: 100 });
    await menuShows('Top players');

    const after = await dana.command('start');
    const labels = buttonsOf(after).map((b) => b.text);
    expect(labels).toContain('My stats');
    expect(labels).not.toContain('Profile');
    expect(button(after, 'Top players').callback_data).toBe('command:top');
  });
});
