import { defineConfig } from 'vitest/config';

// The emulators' own run (`npm test -w @tandem/emulators`). The root's `npm test` runs these same
// files in its `unit` and `int` projects, with the same limits: they need no database or Redis, only
// free ports and, for the int tests, real telegraf and discord.js clients.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'emulators-unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.unit.test.ts'],
        },
      },
      {
        test: {
          name: 'emulators-int',
          sequence: { groupOrder: 1 },
          include: ['src/**/*.int.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
    ],
  },
});
