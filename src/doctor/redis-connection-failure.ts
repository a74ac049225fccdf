import type { RedisAddress } from '../core/redis-address.ts';
import { reasonOf } from './check-result.ts';

/** Why Tandem could not talk to Redis and what the owner does about it: the "Redis reachable" line. */
export interface RedisConnectionFailure {
  detail: string;
  fix: string;
}

const checkAddress = 'Check REDIS_URL (host, port, password) and that Redis is running there.';
const caHint =
  'Give REDIS_URL the certificate authority that signed it, as in rediss://host:6380?ca=/path/ca.pem (without `ca` only the system’s authorities are trusted).';

/** Node's codes for a certificate chain it cannot trust (expiry and host name have their own). */
const untrustedCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
]);

/** What the sentinels said when none led to the master. */
export interface SentinelFailures {
  /** ioredis' line for each sentinel tried ("failed to connect to sentinel … because …"). */
  errors: readonly Error[];
  /**
   * The socket's own error on a connection of the check's own to a sentinel: ioredis reports
   * only "Connection is closed" for a sentinel it could not reach, whatever the reason.
   */
  direct?: unknown;
}

/**
 * `error` is what the connection reported first: the socket's own error when there was one, with
 * its code (behind Sentinel, the master's), or else ioredis' summary.
 */
export function explainRedisConnectionFailure(
  error: unknown,
  address: RedisAddress,
  sentinels: SentinelFailures = { errors: [] },
): RedisConnectionFailure {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const sentinelsSaid = sentinels.errors.map((e) => e.message).join('; ');
  // Sentinel's error for a name it does not monitor (or, from older ones, a null address).
  if (/No such master|invalid reply: null/.test(sentinelsSaid))
    return {
      detail: `the sentinels know no master named "${address.masterName}"`,
      fix: 'Write the name the sentinels monitor the master by (`SENTINEL MASTERS` on a sentinel lists them) after the sentinels in REDIS_URL.',
    };
  const certificate = certificateProblem(error, address.topology === 'sentinel' ? 'the master’s' : 'Redis’s');
  if (certificate) return certificate;
  if (address.topology === 'sentinel' && code === undefined && sentinels.errors.length > 0)
    return (
      certificateProblem(sentinels.direct, 'the sentinels’') ?? {
        detail: `no sentinel answered: ${sentinels.direct ? reasonOf(sentinels.direct) : sentinelsSaid}`,
        fix: 'Check the sentinels’ hosts and ports in REDIS_URL (and ?sentinelPassword= if they have one) and that they run.',
      }
    );
  if (code === 'ECONNREFUSED') {
    const { address: host, port } = error as { address?: string; port?: number };
    return address.topology === 'sentinel'
      ? {
          detail: `the sentinels name ${host}:${port} as the master, and it refused the connection`,
          fix: 'Check that the master runs and that the sentinels agree on it (SENTINEL MASTERS on a sentinel).',
        }
      : { detail: 'the connection was refused: nothing listens at that address', fix: checkAddress };
  }
  if (!address.tls && (code === 'ECONNRESET' || /Connection is closed/.test(message)))
    return {
      detail: `the server closed the connection at once (${reasonOf(error)})`,
      fix: 'If that Redis takes only TLS connections, write rediss:// in REDIS_URL (with ?ca=… for a private certificate authority); otherwise check its log.',
    };
  if (address.tls && code === 'ETIMEDOUT')
    return {
      detail: `no TLS handshake within 5 s (${reasonOf(error)})`,
      fix: 'A Redis that takes no TLS on that port never answers rediss://: write redis:// if so, or check the host and port.',
    };
  return { detail: reasonOf(error), fix: checkAddress };
}

/** `whose` certificate, for the detail: "Redis’s", "the sentinels’". */
function certificateProblem(error: unknown, whose: string): RedisConnectionFailure | undefined {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : '';
  if (code && untrustedCodes.has(code))
    return { detail: `${whose} TLS certificate is not trusted: ${message} (${code})`, fix: caHint };
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return {
      detail: `${whose} TLS certificate is out of date: ${message} (${code})`,
      fix: 'Renew the certificate: it must be valid today.',
    };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return {
      detail: `${whose} TLS certificate is for another host: ${message}`,
      fix: 'Write a host name or address that the certificate names in REDIS_URL, or have a certificate made for this one.',
    };
  return undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
