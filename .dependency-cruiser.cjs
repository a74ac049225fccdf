// The rules Tandem's import graph keeps (checked by test/structure/import-graph.unit.test.ts and
// by `npm run structure`). Folders are layered, each importing only the layers below it:
//
//   wiring      runtime, entrypoints, sandbox, local-servers, platforms, doctor
//   surfaces    telegram, discord, admin-api, replies (what players and admins see)
//   queue side  sync (queues, processors, maintenance)
//   features    earning, linking, players, persons, tasks, payouts, content, settings, catalog,
//               discord-guild (the Discord server as the panel sees it),
//               progression, roles, audit, texts, telegram-chats, announcements, boosts, shop,
//               transfers
//   the ledger  ledger (the only writer of ledger rows and outbox events)
//   rules       economy (pure: no I/O)
//   shared      core, db, redis, logging, live (the change feed every write announces on),
//               metrics (what each process counts, served on its /metrics), config.ts
//
// A loop between folders, or a feature reaching into another feature for a shared mechanism, makes
// every later change harder: shared mechanisms belong in core/ or db/.

const shared = ['core', 'db', 'redis', 'logging', 'live', 'metrics'];
const features = [
  'earning',
  'import-export',
  'linking',
  'players',
  'tasks',
  'payouts',
  'content',
  'settings',
  'catalog',
  'discord-guild',
  'progression',
  'roles',
  'audit',
  'texts',
  'telegram-chats',
  'live',
  'announcements',
  'leaderboard',
  'mini-app',
  'seasons',
  'boosts',
  'shop',
  'transfers',
];
const surfaces = ['telegram', 'discord', 'admin-api', 'replies'];
const wiring = ['runtime', 'entrypoints', 'sandbox', 'local-servers', 'platforms', 'doctor'];
const folders = (names) => `^src/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-loops-between-folders',
      comment: 'Two folders that import each other cannot change apart: move what both need one layer down.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/([^/]+)' },
      to: { circular: true, pathNot: '^src/$1(/|$)' },
    },
    {
      name: 'no-loops-between-files',
      comment: 'Files that import each other: split out what both need.',
      severity: 'error',
      from: { path: '^(src|packages)/' },
      to: { circular: true },
    },
    {
      name: 'shared-imports-no-feature',
      comment:
        'core/, db/, redis/, logging/, live/ and metrics/ are what every feature shares: they import no feature.',
      severity: 'error',
      from: { path: folders(shared) },
      to: { path: '^src/', pathNot: [folders(shared), '^src/config\\.ts$', '^src/generated/'] },
    },
    {
      name: 'shared-mechanisms-come-from-core',
      comment:
        'Errors, input parsing, versioned writes, caches, statement helpers and the platform list are ' +
        "shared: a feature takes them from core/ or db/, never from another feature's folder.",
      severity: 'error',
      from: { path: folders(features) },
      to: {
        path: '^src/.*/(errors|[a-z-]*writes|parse-input|cached-value|queryable|in-transaction|platforms|postgres-values)\\.ts$',
        pathNot: ['^src/(core|db)/', '^src/$1/'],
      },
    },
    {
      name: 'config-is-a-leaf',
      comment: 'Every process reads its settings first: config.ts builds on the shared core alone.',
      severity: 'error',
      from: { path: '^src/config\\.ts$' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'economy-rules-are-pure',
      comment: 'src/economy holds the rules alone: no database, Redis, queue or clock.',
      severity: 'error',
      from: { path: '^src/economy/' },
      to: { pathNot: ['^src/economy/', '^src/core/', '^node_modules/zod/'] },
    },
    {
      name: 'ledger-imports-rules-only',
      comment: 'The ledger records changes: it builds on the rules and the shared core, never on a feature.',
      severity: 'error',
      from: { path: '^src/ledger/' },
      to: { path: '^src/', pathNot: ['^src/(ledger|economy|core|db|logging|metrics)/', '^src/generated/'] },
    },
    {
      name: 'features-import-no-surface',
      comment: 'Features return data; the bots, the admin API and the replies turn it into words and HTTP.',
      severity: 'error',
      from: { path: folders(features) },
      to: { path: folders([...surfaces, 'sync', ...wiring]) },
    },
    {
      name: 'only-wiring-imports-wiring',
      comment: 'runtime/ and its neighbours compose the processes; nothing they compose imports them back.',
      severity: 'error',
      from: { path: '^src/', pathNot: folders(['runtime', 'entrypoints', 'sandbox']) },
      to: { path: folders(['runtime', 'entrypoints', 'sandbox']) },
    },
    {
      name: 'emulators-stand-alone',
      comment: 'The emulators are a package of their own: they know nothing of Tandem.',
      severity: 'error',
      from: { path: '^packages/emulators/' },
      to: { path: '^(src|test|bench)/' },
    },
  ],
  options: {
    // Type-only imports tie folders together as much as value imports do.
    tsPreCompilationDeps: true,
    // TypeScript 7 has no JavaScript API, so the TypeScript sources are read with swc.
    parser: 'swc',
    exclude: { path: ['\\.d\\.ts$', '^src/generated/', '\\.test\\.ts$', '/testing/', '/node_modules/'] },
    doNotFollow: { path: 'node_modules' },
    combinedDependencies: true,
  },
};
