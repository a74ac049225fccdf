import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { describeRedisAddress, parseRedisAddress, redacted } from './redis-address.ts';

describe('a Redis address', () => {
  it('reads one server as ioredis does: credentials, database, default port', () => {
    expect(parseRedisAddress('redis://:s3cret@10.0.0.5/2')).toEqual({
      topology: 'server',
      nodes: [{ host: '10.0.0.5', port: 6379 }],
      password: 's3cret',
      db: 2,
    });
    expect(parseRedisAddress('redis://tandem:p%40ss@[::1]:6380')).toMatchObject({
      nodes: [{ host: '::1', port: 6380 }],
      username: 'tandem',
      password: 'p@ss',
    });
  });

  it('reads the sentinels, the master name and the sentinels’ own credentials', () => {
    const address = parseRedisAddress(
      'redis+sentinel://:data-pw@s1:26379,s2,s3:26380/mymaster/1?sentinelPassword=sentinel-pw',
    );
    expect(address).toEqual({
      topology: 'sentinel',
      nodes: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
        { host: 's3', port: 26380 },
      ],
      masterName: 'mymaster',
      db: 1,
      password: 'data-pw',
      sentinelPassword: 'sentinel-pw',
    });
    expect(describeRedisAddress(address)).toBe('sentinels s1:26379, s2:26379, s3:26380 (master mymaster)');
  });

  it('reads the cluster nodes to start from', () => {
    const address = parseRedisAddress('redis+cluster://n1:7000,n2:7001');
    expect(address).toEqual({
      topology: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 7001 },
      ],
    });
    expect(describeRedisAddress(address)).toBe('cluster n1:7000, n2:7001');
  });

  it('turns on TLS for rediss, trusting the CA file it names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-ca-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n…\n');
    expect(parseRedisAddress('rediss://redis.example:6380').tls).toEqual({});
    expect(parseRedisAddress(`rediss+sentinel://s1/m?ca=${join(dir, 'ca.pem')}`).tls).toEqual({
      ca: '-----BEGIN CERTIFICATE-----\n…\n',
    });
    expect(() => parseRedisAddress(`rediss://r/0?ca=${join(dir, 'missing.pem')}`)).toThrow(
      /the Redis CA file .*missing\.pem cannot be read \(ENOENT\)/,
    );
  });

  it('refuses what it cannot use, saying why', () => {
    expect(() => parseRedisAddress('memcached://x')).toThrow(/is not a Redis address: write redis:\/\//);
    expect(() => parseRedisAddress('redis://a:6379,b:6379')).toThrow(/several hosts: use redis\+sentinel/);
    expect(() => parseRedisAddress('redis+sentinel://s1:26379')).toThrow(/names no master/);
    expect(() => parseRedisAddress('redis+cluster://n1:7000/1')).toThrow(/only database 0/);
    expect(() => parseRedisAddress('redis://r/zero')).toThrow(/the database must be a number/);
    expect(() => parseRedisAddress('redis://r:99999')).toThrow(/"r:99999" is not a host:port/);
    expect(() => parseRedisAddress('redis://r?ca=/etc/ca.pem')).toThrow(/needs TLS, so write rediss/);
    expect(() => parseRedisAddress('redis://r?tls=true')).toThrow(/unknown parameter "tls"/);
  });

  it('hides every password before it is shown', () => {
    expect(redacted('redis+sentinel://u:pw@s1,s2/m?sentinelPassword=spw')).toBe(
      'redis+sentinel://u:***@s1,s2/m?sentinelPassword=***',
    );
    expect(redacted('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('the Redis settings', () => {
  it('accept each topology and refuse a bad address by name', () => {
    expect(loadConfig({ REDIS_URL: 'redis+sentinel://s1,s2,s3/tandem' }).REDIS_URL).toBe(
      'redis+sentinel://s1,s2,s3/tandem',
    );
    expect(() => loadConfig({ REDIS_URL: 'redis://a,b' })).toThrow(/REDIS_URL: .*several hosts/);
  });

  it('ask a cluster for a hash tag prefix, so each queue’s keys share a slot', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://n1:7000' })).toThrow(
      /QUEUE_PREFIX: a Redis Cluster needs a hash tag prefix, such as \{tandem\}/,
    );
    expect(loadConfig({ REDIS_URL: 'redis+cluster://n1:7000', QUEUE_PREFIX: '{tandem}' }).QUEUE_PREFIX).toBe(
      '{tandem}',
    );
    expect(() => loadConfig({ QUEUE_PREFIX: '{tan}dem' })).toThrow(/QUEUE_PREFIX/);
  });
});
