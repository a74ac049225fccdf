/**
 * JSON for the emulators' worlds, which are made of Maps, Sets, bigints (Discord permissions) and
 * Buffers (attachments): each is written as a one-key object (`{"$map": [[k, v], ...]}`) and read
 * back as what it was. Plain objects never use these keys, so nothing else is mistaken for one.
 */

export function toTaggedJson(value: unknown): string {
  return JSON.stringify(value, function tag(this: Record<string, unknown>, key, encoded: unknown) {
    // Buffer.toJSON has already run on `encoded`: look at the value itself.
    const raw = this[key];
    if (Buffer.isBuffer(raw)) return { $buffer: raw.toString('base64') };
    if (encoded instanceof Map) return { $map: [...encoded.entries()] };
    if (encoded instanceof Set) return { $set: [...encoded] };
    if (typeof encoded === 'bigint') return { $bigint: encoded.toString() };
    return encoded;
  });
}

export function fromTaggedJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    if (keys.length !== 1) return value;
    const tagged = value as Record<string, unknown>;
    if (Array.isArray(tagged.$map)) return new Map(tagged.$map as Array<[unknown, unknown]>);
    if (Array.isArray(tagged.$set)) return new Set(tagged.$set);
    if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
    if (typeof tagged.$buffer === 'string') return Buffer.from(tagged.$buffer, 'base64');
    return value;
  });
}
