/**
 * Which cached queries one change makes stale. The change feed names the entity that changed
 * (src/live/changes.ts on the server); other pages show it too: a ledger row moves a player's totals,
 * a sync event moves the player's sync state, and the dashboard counts almost everything.
 */
export interface EntityChange {
  entity: string;
  action: string;
  id?: string;
}

/** The `changes` message the API's live gateway sends, coalesced (at most one every 250 ms). */
export interface ChangesMessage {
  changes: EntityChange[];
  at?: string;
}

export const dashboardQueryKey = ['dashboard'] as const;

const alsoAffects: Record<string, readonly string[]> = {
  players: ['sync_states', 'ledger'],
  identities: ['players'],
  ledger: ['players'],
  sync_events: ['sync_states', 'players'],
  ranks: ['players'],
  achievements: ['players'],
  scenarios: ['menu_buttons'],
  tasks: ['task_submissions'],
  task_submissions: ['players', 'tasks'],
  payouts: ['players'],
  // A purchase moves its item's sold count and the buyer's coins (held, spent or given back).
  shop_purchases: ['shop_items', 'players', 'ledger'],
  // The entity is named as the table; the panel's resource as the API's path.
  telegram_chats: ['telegram-chats'],
};

/** Entities whose changes the dashboard does not show. */
const notOnDashboard = new Set([
  'menu_buttons',
  'scenarios',
  'settings',
  'admins',
  'achievements',
  'texts',
  'discord_guild',
  'shop_items',
  'alert_incidents',
]);

/** Entities refetched under a query key of another name (not a react-admin resource). */
const queryKeyOf: Record<string, string> = {
  discord_guild: 'discord-guild',
};

/** The react-admin resources (query key roots) to refetch, and whether the dashboard must refetch. */
export function affectedQueries(changes: readonly EntityChange[]): {
  resources: string[];
  dashboard: boolean;
} {
  const resources = new Set<string>();
  let dashboard = false;
  for (const change of changes) {
    if (typeof change?.entity !== 'string') continue;
    if (change.entity !== 'identities') resources.add(queryKeyOf[change.entity] ?? change.entity);
    for (const other of alsoAffects[change.entity] ?? []) resources.add(other);
    if (!notOnDashboard.has(change.entity)) dashboard = true;
  }
  return { resources: [...resources], dashboard };
}
