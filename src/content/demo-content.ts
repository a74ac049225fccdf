import type { PrismaClient } from '../db/database.ts';
import type { ScenarioButton } from './scenario-buttons.ts';

/**
 * The sandbox's demo community: a main menu, a three-page guide (its last page pays 25 XP once) and
 * three tasks. Like the economy seed, it only fills empty tables: content an admin made is never
 * touched, and running it again changes nothing.
 */

interface DemoScenario {
  slug: string;
  title: string;
  text: string;
  buttons: ScenarioButton[];
  rewardXp?: number;
}

export const demoScenarios: DemoScenario[] = [
  {
    slug: 'welcome',
    title: 'How it works',
    text:
      'Welcome to the community! 👋\n\n' +
      'Chatting, voice time, the daily bonus, games and tasks all earn XP and coins, on Telegram and ' +
      'on Discord alike. Link your two accounts with /link and everything adds up in one place.\n\n' +
      'Pick a topic below to learn more.',
    buttons: [
      { label: 'How to earn XP', scenario: 'earning' },
      { label: 'Ranks and rewards', scenario: 'ranks' },
      { label: 'Claim your daily bonus', command: '/daily' },
    ],
  },
  {
    slug: 'earning',
    title: 'Ways to earn',
    text:
      '💬 Chat: a message earns 15-25 XP, at most once a minute.\n' +
      '🎙 Voice: every minute in a Discord voice channel earns XP.\n' +
      '🎁 Daily bonus: /daily once a day; keep your streak going for more.\n' +
      '🎲 Game: /game, guess the number.\n' +
      '✅ Tasks: /tasks, send your proof and get paid once an admin approves it.',
    buttons: [
      { label: 'Ranks and rewards', scenario: 'ranks' },
      { label: 'Back', scenario: 'welcome' },
    ],
  },
  {
    slug: 'ranks',
    title: 'Ranks and rewards',
    text:
      'Your XP sets your rank, and on Discord your rank shows as a role. Achievements unlock extra ' +
      'roles and rewards. See where you stand with /profile.\n\n' +
      'Thanks for reading the guide: this page gives you 25 XP, once.',
    buttons: [
      { label: 'See the tasks', command: '/tasks' },
      { label: 'Back to the start', scenario: 'welcome' },
    ],
    rewardXp: 25,
  },
];

export const demoTasks = [
  {
    title: 'Introduce yourself',
    description: 'Say hello in the #introductions channel on Discord: who you are and what you play.',
    proofHint: 'A link to your message',
    rewardXp: 50,
    rewardCoins: 10,
  },
  {
    title: 'Invite a friend',
    description: 'Bring a friend into the community and have them say hi.',
    proofHint: "Your friend's username",
    rewardXp: 100,
    rewardCoins: 25,
  },
  {
    title: 'Share a highlight',
    description: 'Post a screenshot or clip of your best game moment in #highlights.',
    proofHint: 'A link to your post',
    rewardXp: 75,
    rewardCoins: 15,
  },
];

/** The menu, top to bottom; `scenario` names a demo scenario by slug. */
const demoMenu: Array<{ label: string; command?: string; scenario?: string; url?: string }> = [
  { label: 'Profile', command: '/profile' },
  { label: 'Daily bonus', command: '/daily' },
  { label: 'Play', command: '/game' },
  { label: 'Tasks', command: '/tasks' },
  { label: 'How it works', scenario: 'welcome' },
  { label: 'Community site', url: 'https://example.org/community' },
];

/** Any number, the same in every process: two processes seeding at once take turns. */
const seedLockId = 7_412_001;

export async function seedDemoContent(
  prisma: PrismaClient,
): Promise<{ menuButtons: number; scenarios: number; tasks: number }> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${seedLockId})::text AS locked`;
    let scenarios = 0;
    let tasks = 0;
    let menuButtons = 0;
    if ((await tx.scenario.count()) === 0) {
      scenarios = (await tx.scenario.createMany({ data: demoScenarios.map((s) => ({ ...s })) })).count;
    }
    if ((await tx.task.count()) === 0) {
      tasks = (await tx.task.createMany({ data: demoTasks })).count;
    }
    if ((await tx.menuButton.count()) === 0) {
      const slugs = demoMenu.flatMap((b) => (b.scenario ? [b.scenario] : []));
      const found = await tx.scenario.findMany({
        where: { slug: { in: slugs } },
        select: { id: true, slug: true },
      });
      const idBySlug = new Map(found.map((s) => [s.slug, s.id]));
      // An admin's own scenarios may lack the demo's: that button is left out rather than broken.
      const data = demoMenu.flatMap((button, index) => {
        const scenarioId = button.scenario === undefined ? null : idBySlug.get(button.scenario);
        if (scenarioId === undefined) return [];
        return [
          {
            label: button.label,
            command: button.command ?? null,
            url: button.url ?? null,
            scenarioId,
            position: (index + 1) * 10,
          },
        ];
      });
      menuButtons = (await tx.menuButton.createMany({ data })).count;
    }
    return { menuButtons, scenarios, tasks };
  });
}
