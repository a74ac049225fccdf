import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listenForChanges } from '../../test/support/announced-changes.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { InvalidChangeError } from '../core/errors.ts';
import { ContentNotFoundError, VersionConflictError } from '../core/versioned-write.ts';
import type { ChangeSubscription, EntityChange } from '../live/changes.ts';
import { TaskHasSubmissionsError } from '../tasks/errors.ts';
import { createTask, deleteTask, updateTask } from '../tasks/manage-tasks.ts';
import { ScenarioInUseError } from './errors.ts';
import { createMenuButton, deleteMenuButton, updateMenuButton } from './menu-buttons.ts';
import { createScenario, deleteScenario, updateScenario } from './scenarios.ts';

let tandem: TestTandem;
let subscription: ChangeSubscription;
let announced: EntityChange[];
beforeEach(async () => {
  tandem = await openTestTandem({ seed: false });
  ({ announced, subscription } = await listenForChanges(tandem));
});
afterEach(async () => {
  await subscription.close();
  await tandem.stop();
});

async function refusal(write: Promise<unknown>): Promise<Error> {
  const error = await write.then(
    () => null,
    (e: Error) => e,
  );
  if (!error) throw new Error('expected the change to be refused');
  return error;
}

/** Waits for the announcements so far, then proves nothing else was announced. */
async function expectAnnounced(changes: EntityChange[]): Promise<void> {
  await waitFor(async () => announced.length >= changes.length, `${changes.length} announcements`);
  await new Promise((r) => setTimeout(r, 100));
  expect(announced).toEqual(changes);
}

describe('menu buttons', () => {
  it('are created, edited and deleted, each change announced after it is written', async () => {
    const scenario = await createScenario(tandem, { slug: 'welcome', title: 'Welcome', text: 'Hello' });
    const button = await createMenuButton(tandem, { label: ' How it works ', scenarioId: scenario.id });
    expect(button).toMatchObject({
      label: 'How it works',
      scenarioId: scenario.id,
      url: null,
      command: null,
    });
    expect(button).toMatchObject({ position: 0, active: true, version: 1 });

    // Sending a target replaces the old one; fields not sent stay as they were.
    const moved = await updateMenuButton(tandem, {
      id: button.id,
      expectedVersion: 1,
      url: 'https://example.org',
    });
    expect(moved).toMatchObject({
      label: 'How it works',
      scenarioId: null,
      url: 'https://example.org',
      version: 2,
    });
    const renamed = await updateMenuButton(tandem, {
      id: button.id,
      expectedVersion: 2,
      label: 'Site',
      position: 5,
    });
    expect(renamed).toMatchObject({ label: 'Site', url: 'https://example.org', position: 5, version: 3 });
    // A form sends all three target fields, the unused ones as null.
    const asForm = await updateMenuButton(tandem, {
      id: button.id,
      scenarioId: null,
      url: null,
      command: '/daily',
    });
    expect(asForm).toMatchObject({ url: null, command: '/daily', version: 4 });

    await deleteMenuButton(tandem, { id: button.id, expectedVersion: 4 });
    expect(await tandem.db.prisma.menuButton.count()).toBe(0);
    const id = String(button.id);
    await expectAnnounced([
      { entity: 'scenarios', action: 'created', id: String(scenario.id) },
      { entity: 'menu_buttons', action: 'created', id },
      { entity: 'menu_buttons', action: 'updated', id },
      { entity: 'menu_buttons', action: 'updated', id },
      { entity: 'menu_buttons', action: 'updated', id },
      { entity: 'menu_buttons', action: 'deleted', id },
    ]);
  });

  it('refuse a change made over a newer version, and write nothing', async () => {
    const button = await createMenuButton(tandem, { label: 'Daily', command: '/daily' });
    await updateMenuButton(tandem, { id: button.id, expectedVersion: 1, label: 'Daily bonus' });
    await updateMenuButton(tandem, { id: button.id, expectedVersion: 2, position: 3 });

    const stale = await refusal(
      updateMenuButton(tandem, { id: button.id, expectedVersion: 1, label: 'Mine' }),
    );
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect(stale.message).toBe(
      'This menu button was changed by someone else since you opened it (version 3 is current). ' +
        'Reload and apply your change again.',
    );
    expect(stale).toMatchObject({ kind: 'menu button', expectedVersion: 1, currentVersion: 3 });
    const staleDelete = await refusal(deleteMenuButton(tandem, { id: button.id, expectedVersion: 2 }));
    expect(staleDelete).toBeInstanceOf(VersionConflictError);
    expect(await tandem.db.prisma.menuButton.findUniqueOrThrow({ where: { id: button.id } })).toMatchObject({
      label: 'Daily bonus',
      position: 3,
      version: 3,
    });

    const gone = await refusal(updateMenuButton(tandem, { id: 999, label: 'Ghost' }));
    expect(gone).toBeInstanceOf(ContentNotFoundError);
    expect(gone.message).toBe(
      'This menu button (999) does not exist anymore: someone may have deleted it. Reload the list.',
    );
    // Only the three accepted writes were announced.
    await expectAnnounced([
      { entity: 'menu_buttons', action: 'created', id: String(button.id) },
      { entity: 'menu_buttons', action: 'updated', id: String(button.id) },
      { entity: 'menu_buttons', action: 'updated', id: String(button.id) },
    ]);
  });

  it('refuse invalid input with a message per field, and write nothing', async () => {
    const cases: Array<[unknown, Record<string, string | RegExp>]> = [
      [{ label: '', command: '/daily' }, { label: 'a button needs a label' }],
      [{ label: 'x'.repeat(65), command: '/daily' }, { label: /at most 64 characters/ }],
      [{ label: 'Nothing' }, { scenarioId: /choose what the button opens/ }],
      [
        { label: 'Two', url: 'https://example.org', command: '/daily' },
        {
          url: 'set only one of scenario, url or command',
          command: 'set only one of scenario, url or command',
        },
      ],
      [{ label: 'Ftp', url: 'ftp://example.org' }, { url: /starting with http:\/\/ or https:\/\// }],
      [{ label: 'Cmd', command: 'daily' }, { command: /a bot command like \/daily/ }],
      [{ label: 'Far', command: '/daily', position: -1 }, { position: 'cannot be negative' }],
      [{ label: 'Nowhere', scenarioId: 4242 }, { scenarioId: /there is no such scenario/ }],
    ];
    for (const [input, fields] of cases) {
      const error = await refusal(createMenuButton(tandem, input as never));
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidChangeError);
      expect(error.message).toMatch(/^Invalid menu button: /);
      const shown = (error as InvalidChangeError).fields;
      expect(Object.keys(shown).sort()).toEqual(Object.keys(fields).sort());
      for (const [field, message] of Object.entries(fields)) expect(shown[field]).toMatch(message);
    }
    const button = await createMenuButton(tandem, { label: 'Daily', command: '/daily' });
    const empty = await refusal(updateMenuButton(tandem, { id: button.id }));
    expect(empty.message).toBe('Invalid menu button: nothing to change. Send at least one field.');
    const clearing = await refusal(updateMenuButton(tandem, { id: button.id, command: null }));
    expect((clearing as InvalidChangeError).fields).toEqual({
      scenarioId: 'choose what the button opens: a scenario, a web link (url) or a bot command',
    });
    expect(await tandem.db.prisma.menuButton.findMany()).toMatchObject([
      { label: 'Daily', command: '/daily', version: 1 },
    ]);
  });
});

describe('scenarios', () => {
  it('validate buttons by path and slugs as unique', async () => {
    const invalid = await refusal(
      createScenario(tandem, {
        slug: 'Welcome Page',
        title: '',
        text: 'Hi',
        buttons: [
          { label: 'Ok', command: '/daily' },
          { label: 'Bad link', url: 'not a link' },
        ],
        rewardXp: -5,
      }),
    );
    expect(invalid).toBeInstanceOf(InvalidChangeError);
    expect((invalid as InvalidChangeError).fields).toEqual({
      slug: 'lowercase letters, digits and dashes only, e.g. how-it-works',
      title: 'is required',
      'buttons.1.url': 'must be a full web link starting with http:// or https://, e.g. https://example.org',
      rewardXp: 'cannot be negative',
    });
    const welcome = await createScenario(tandem, { slug: 'welcome', title: 'Welcome', text: 'Hi' });
    const taken = await refusal(createScenario(tandem, { slug: 'welcome', title: 'Again', text: 'Hi' }));
    expect((taken as InvalidChangeError).fields).toEqual({
      slug: 'another scenario already uses "welcome": pick another slug',
    });
    const other = await createScenario(tandem, { slug: 'other', title: 'Other', text: 'Hi' });
    const renamed = await refusal(updateScenario(tandem, { id: other.id, slug: 'welcome' }));
    expect((renamed as InvalidChangeError).fields).toHaveProperty('slug');
    expect(await tandem.db.prisma.scenario.count()).toBe(2);

    const updated = await updateScenario(tandem, {
      id: welcome.id,
      expectedVersion: 1,
      buttons: [{ label: 'Other', scenario: 'other' }],
      rewardCoins: 5,
    });
    expect(updated).toMatchObject({
      version: 2,
      rewardCoins: 5,
      buttons: [{ label: 'Other', scenario: 'other' }],
    });
    const stale = await refusal(
      updateScenario(tandem, { id: welcome.id, expectedVersion: 1, title: 'Mine' }),
    );
    expect(stale.message).toBe(
      'This scenario was changed by someone else since you opened it (version 2 is current). ' +
        'Reload and apply your change again.',
    );
  });

  it('cannot be deleted while a menu button opens it, and the admin is told which', async () => {
    const scenario = await createScenario(tandem, { slug: 'welcome', title: 'Welcome', text: 'Hi' });
    const button = await createMenuButton(tandem, { label: 'How it works', scenarioId: scenario.id });
    const inUse = await refusal(deleteScenario(tandem, { id: scenario.id, expectedVersion: 1 }));
    expect(inUse).toBeInstanceOf(ScenarioInUseError);
    expect(inUse.message).toBe(
      'This scenario is still opened by the menu button "How it works". Point it at something else or delete it first.',
    );
    expect(await tandem.db.prisma.scenario.count()).toBe(1);

    await deleteMenuButton(tandem, { id: button.id });
    await deleteScenario(tandem, { id: scenario.id, expectedVersion: 1 });
    expect(await tandem.db.prisma.scenario.count()).toBe(0);
    const again = await refusal(deleteScenario(tandem, { id: scenario.id }));
    expect(again).toBeInstanceOf(ContentNotFoundError);
    await expectAnnounced([
      { entity: 'scenarios', action: 'created', id: String(scenario.id) },
      { entity: 'menu_buttons', action: 'created', id: String(button.id) },
      { entity: 'menu_buttons', action: 'deleted', id: String(button.id) },
      { entity: 'scenarios', action: 'deleted', id: String(scenario.id) },
    ]);
  });
});

describe('tasks', () => {
  it('are validated, versioned, and kept once players submitted for them', async () => {
    const noReward = await refusal(createTask(tandem, { title: 'Free', rewardXp: 0 }));
    expect((noReward as InvalidChangeError).fields).toEqual({
      rewardXp: 'a task needs a reward: some XP, some coins or both',
    });
    const bad = await refusal(createTask(tandem, { title: ' ', rewardXp: 1.5, proofHint: 'x'.repeat(201) }));
    expect(Object.keys((bad as InvalidChangeError).fields).sort()).toEqual([
      'proofHint',
      'rewardXp',
      'title',
    ]);

    const task = await createTask(tandem, {
      title: 'Say hi',
      rewardXp: 50,
      rewardCoins: 10,
      proofHint: 'A link',
    });
    expect(task).toMatchObject({ description: '', proofHint: 'A link', active: true, version: 1 });
    const edited = await updateTask(tandem, {
      id: task.id,
      expectedVersion: 1,
      proofHint: '',
      rewardCoins: 20,
    });
    expect(edited).toMatchObject({ proofHint: null, rewardCoins: 20, version: 2 });
    const stale = await refusal(updateTask(tandem, { id: task.id, expectedVersion: 1, title: 'Mine' }));
    expect(stale.message).toMatch(
      /^This task was changed by someone else since you opened it \(version 2 is current\)/,
    );

    const playerId = await tandem.createPlayer();
    await tandem.db.prisma.taskSubmission.create({
      data: { taskId: task.id, playerId, platform: 'telegram', proof: 'https://example.org/hi' },
    });
    const kept = await refusal(deleteTask(tandem, { id: task.id }));
    expect(kept).toBeInstanceOf(TaskHasSubmissionsError);
    expect(kept.message).toBe(
      'Players already sent 1 submission for this task, so it cannot be deleted. Set it inactive to hide it from players instead.',
    );
    const unused = await createTask(tandem, { title: 'Unused', rewardCoins: 5 });
    await deleteTask(tandem, { id: unused.id, expectedVersion: 1 });
    expect(await tandem.db.prisma.task.findMany({ select: { id: true } })).toEqual([{ id: task.id }]);
    await expectAnnounced([
      { entity: 'tasks', action: 'created', id: String(task.id) },
      { entity: 'tasks', action: 'updated', id: String(task.id) },
      { entity: 'tasks', action: 'created', id: String(unused.id) },
      { entity: 'tasks', action: 'deleted', id: String(unused.id) },
    ]);
  });
});
