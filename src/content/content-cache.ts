import { cachedValue } from '../core/cached-value.ts';
import type { Database } from '../db/database.ts';
import type { EntityChange } from '../live/changes.ts';
import { type ButtonTarget, readStoredButtons, resolveButton } from './scenario-buttons.ts';

export type { ButtonTarget };

/** A button as the bots draw it: a label and where it leads. */
export interface ContentButton {
  label: string;
  target: ButtonTarget;
}

/** A main-menu button. */
export interface MenuItem extends ContentButton {
  id: number;
}

export interface ScenarioView {
  id: number;
  slug: string;
  title: string;
  text: string;
  rewardXp: number;
  rewardCoins: number;
  /** Inline buttons; those naming a scenario that is gone or inactive are left out. */
  buttons: ContentButton[];
}

export interface TaskView {
  id: number;
  title: string;
  description: string;
  proofHint: string | null;
  rewardXp: number;
  rewardCoins: number;
}

/**
 * What the bots show on every /start and button press: the active menu, scenarios and tasks, read
 * from memory. Each part is kept for `ttlMs` (the safety net) and dropped at once when a change of
 * its entity is announced, so an edit in the panel shows in the next /start.
 */
export interface ContentCache {
  /** Active buttons by position, then id; a button opening an inactive scenario is left out. */
  menu(): Promise<MenuItem[]>;
  /** An active scenario, or null. */
  scenario(id: number): Promise<ScenarioView | null>;
  /** An active scenario by its slug (for deep links such as /start how-it-works), or null. */
  scenarioBySlug(slug: string): Promise<ScenarioView | null>;
  /** Active tasks, oldest first. */
  tasks(): Promise<TaskView[]>;
  /** Drops what `change` concerns (menu_buttons, scenarios, tasks); other changes are ignored. */
  onChange(change: EntityChange): void;
  invalidate(): void;
}

interface ScenarioIndex {
  byId: Map<number, ScenarioView>;
  bySlug: Map<string, ScenarioView>;
}

/**
 * @param ttlMs How long a part is served from memory without an announced change. @defaultValue 60000
 * @param now The clock, for tests. @defaultValue Date.now
 */
export function createContentCache(
  db: Pick<Database, 'prisma'>,
  ttlMs = 60_000,
  now: () => number = () => Date.now(),
): ContentCache {
  const scenarios = cachedValue(() => loadScenarios(db), { ttlMs, now });
  // The menu hides buttons whose scenario is inactive, so it depends on scenarios too.
  const menu = cachedValue(async () => loadMenu(db, await scenarios.get()), { ttlMs, now });
  const tasks = cachedValue(() => loadTasks(db), { ttlMs, now });
  return {
    menu: () => menu.get(),
    async scenario(id) {
      return (await scenarios.get()).byId.get(id) ?? null;
    },
    async scenarioBySlug(slug) {
      return (await scenarios.get()).bySlug.get(slug) ?? null;
    },
    tasks: () => tasks.get(),
    onChange(change) {
      if (change.entity === 'menu_buttons') menu.drop();
      if (change.entity === 'scenarios') {
        scenarios.drop();
        menu.drop();
      }
      if (change.entity === 'tasks') tasks.drop();
    },
    invalidate() {
      scenarios.drop();
      menu.drop();
      tasks.drop();
    },
  };
}

async function loadScenarios(db: Pick<Database, 'prisma'>): Promise<ScenarioIndex> {
  const rows = await db.prisma.scenario.findMany({ where: { active: true }, orderBy: { id: 'asc' } });
  const idBySlug = new Map(rows.map((row) => [row.slug, row.id]));
  const byId = new Map<number, ScenarioView>();
  const bySlug = new Map<string, ScenarioView>();
  for (const row of rows) {
    const view: ScenarioView = {
      id: row.id,
      slug: row.slug,
      title: row.title,
      text: row.text,
      rewardXp: row.rewardXp,
      rewardCoins: row.rewardCoins,
      buttons: readStoredButtons(row.buttons).flatMap((button) => resolveButton(button, idBySlug) ?? []),
    };
    byId.set(view.id, view);
    bySlug.set(view.slug, view);
  }
  return { byId, bySlug };
}

async function loadMenu(db: Pick<Database, 'prisma'>, scenarios: ScenarioIndex): Promise<MenuItem[]> {
  const rows = await db.prisma.menuButton.findMany({
    where: { active: true },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  });
  const items: MenuItem[] = [];
  for (const row of rows) {
    const target = menuTarget(row, scenarios);
    if (target) items.push({ id: row.id, label: row.label, target });
  }
  return items;
}

function menuTarget(
  row: { scenarioId: number | null; url: string | null; command: string | null },
  scenarios: ScenarioIndex,
): ButtonTarget | null {
  if (row.url !== null) return { kind: 'url', url: row.url };
  if (row.command !== null) return { kind: 'command', command: row.command };
  if (row.scenarioId !== null && scenarios.byId.has(row.scenarioId))
    return { kind: 'scenario', scenarioId: row.scenarioId };
  return null;
}

async function loadTasks(db: Pick<Database, 'prisma'>): Promise<TaskView[]> {
  return db.prisma.task.findMany({
    where: { active: true },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      title: true,
      description: true,
      proofHint: true,
      rewardXp: true,
      rewardCoins: true,
    },
  });
}
