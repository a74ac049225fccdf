/**
 * Where the tests find PostgreSQL and Redis. The global setup fills these in before the test
 * processes start (the machine's own services, or embedded ones it started).
 */
export const testAdminDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
