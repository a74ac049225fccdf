import { defineConfig } from 'prisma/config';

// `prisma generate` needs no database; a placeholder keeps it working when DATABASE_URL is unset.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/tandem' },
});
