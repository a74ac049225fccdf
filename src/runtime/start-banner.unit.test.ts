import { describe, expect, it } from 'vitest';
import { type StartFacts, startBanner } from './start-banner.ts';

const facts: StartFacts = {
  apiBase: 'http://localhost:3000',
  sandboxUrl: 'http://127.0.0.1:8080/',
  databaseUrl: 'postgresql://postgres:***@127.0.0.1:5433/tandem',
  embeddedPostgres: { dataDir: '/home/ann/tandem/.data/postgres' },
  redisUrl: 'redis://127.0.0.1:6390',
  privateRedis: true,
};

describe('startBanner', () => {
  it('says where the embedded PostgreSQL keeps its data', () => {
    const banner = startBanner(facts);
    expect(banner).toContain('PostgreSQL   embedded, postgresql://postgres:***@127.0.0.1:5433/tandem');
    expect(banner).toContain('data in /home/ann/tandem/.data/postgres');
    expect(banner).not.toContain('cannot enter');
  });

  it('says why the data is elsewhere when the postgres user cannot reach the checkout', () => {
    const banner = startBanner({
      ...facts,
      embeddedPostgres: { dataDir: '/var/lib/tandem/tandem-0123456789', blockedFolder: '/root' },
    });
    expect(banner).toContain('data in /var/lib/tandem/tandem-0123456789');
    expect(banner).toContain('cannot enter /root');
  });

  it('names no data folder for a configured database', () => {
    const banner = startBanner({
      ...facts,
      embeddedPostgres: undefined,
      databaseUrl: 'postgresql://db/tandem',
    });
    expect(banner).toContain('PostgreSQL   postgresql://db/tandem');
    expect(banner).not.toContain('data in');
  });

  it('says where the public board and the Mini App are', () => {
    expect(startBanner({ ...facts, miniAppUrl: 'http://localhost:3000/app/' })).toContain(
      'Mini App     http://localhost:3000/app/',
    );
    const banner = startBanner(facts);
    expect(banner).toContain('Board        http://localhost:3000/leaderboard');
    expect(banner).toContain('Mini App     off (set PUBLIC_URL');
  });
});
