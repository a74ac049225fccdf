/** Milliseconds since the Unix epoch of 2015-01-01, where Discord snowflakes start counting. */
export const DISCORD_EPOCH_MS = 1_420_070_400_000;

const SNOWFLAKE = /^\d{1,20}$/;

export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && SNOWFLAKE.test(value) && BigInt(value) < 1n << 64n;
}

/** Orders snowflakes numerically (string order is wrong once lengths differ). */
export function compareSnowflakes(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function snowflakeTimestamp(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
}

/**
 * Issues Discord-shaped ids: timestamp in the high bits, so ids sort by creation time and
 * discord.js derives `createdAt` from them. Ids never repeat, even within one millisecond.
 */
export class SnowflakeGenerator {
  #last = 0n;

  constructor(private readonly now: () => number = Date.now) {}

  /** Every id from now on is above `id` (a restored world's ids, made while the clock said otherwise). */
  follow(id: string): void {
    if (BigInt(id) > this.#last) this.#last = BigInt(id);
  }

  next(): string {
    const timestamp = BigInt(this.now() - DISCORD_EPOCH_MS);
    let id = (timestamp << 22n) | (1n << 17n) | (1n << 12n);
    if (id <= this.#last) id = this.#last + 1n;
    this.#last = id;
    return id.toString();
  }
}
