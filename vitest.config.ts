import { defineConfig } from 'vitest/config';

// Two kinds of tests, named by their files: `*.unit.test.ts` (pure, no I/O) and
// `*.int.test.ts` / `*.e2e.test.ts` (real PostgreSQL and Redis, one fresh database per file), and the
// fault-injection suite (test/faults/), alone at the end. The emulators' tests (packages/emulators) run
// here too, in the same projects, as well as on their own with `npm test -w @tandem/emulators`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Projects with different worker limits run as separate groups: the fast ones first.
          sequence: { groupOrder: 0 },
          // Pure tests share a worker's loaded modules, as the int files do: a fresh module graph per
          // file took most of the project's time. Both cores, whatever vitest would leave spare.
          pool: 'forks',
          maxWorkers: 2,
          isolate: false,
          include: [
            'src/**/*.unit.test.ts',
            'test/**/*.unit.test.ts',
            'admin/src/**/*.unit.test.ts',
            'packages/emulators/src/**/*.unit.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'int',
          sequence: { groupOrder: 1 },
          include: [
            'src/**/*.int.test.ts',
            'test/**/*.int.test.ts',
            'test/**/*.e2e.test.ts',
            'packages/emulators/src/**/*.int.test.ts',
          ],
          exclude: ['test/faults/**'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
          // Each file has its own database and queue prefix, so the files need no process of their
          // own: a worker runs file after file with the modules it already loaded. A fresh process
          // per file spent about 2.4 s loading Tandem again, more than most files take to run.
          isolate: false,
        },
      },
      {
        test: {
          // The fault-injection suite runs real worker processes, restarts Redis and kills Postgres
          // connections: one file at a time, after everything else, so a fault never lands on
          // another test and their connections never add up past the server's limit.
          name: 'faults',
          sequence: { groupOrder: 2 },
          include: ['test/faults/**/*.int.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 1,
        },
      },
    ],
  },
});
