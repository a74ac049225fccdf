import { randomBytes, randomInt, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Admin passwords are stored as `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`: the cost parameters
 * travel with each hash, so raising them later still verifies the passwords stored before.
 */
const cost = { N: 16_384, r: 8, p: 1 } as const;
const keyLength = 64;
/** scrypt with N=2^14, r=8 needs 16 MiB; Node's default ceiling is 32 MiB, leave room for higher N. */
const maxmem = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Whether `password` matches `stored`; a malformed stored value never matches. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length === 0) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: +n, r: +r, p: +p }).catch(
    () => null, // cost parameters scrypt refuses: as malformed as any other
  );
  return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of a password nobody knows, verified when the username does not exist so that a wrong
 * username takes as long as a wrong password (the answer time must not tell which admins exist).
 */
let unknownAdmin: Promise<string> | undefined;
export function unknownAdminHash(): Promise<string> {
  unknownAdmin ??= hashPassword(randomBytes(16).toString('hex'));
  return unknownAdmin;
}

/** A password shown once at first start: 20 characters without look-alikes (0/O, 1/l/I). */
export function generateOneTimePassword(length = 20): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}
