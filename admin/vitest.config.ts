import { defineConfig } from 'vitest/config';

/**
 * The panel's pure logic (API record shapes, access rules, live invalidation): `npx vitest run
 * --config admin/vitest.config.ts`. Pages are exercised by the browser tests against a real API.
 */
export default defineConfig({
  test: {
    name: 'admin-unit',
    root: import.meta.dirname,
    include: ['src/**/*.unit.test.ts'],
  },
});
