/** Where the tests find the machine's PostgreSQL and Redis (`.ci/run` starts them when missing). */
export const testAdminDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
