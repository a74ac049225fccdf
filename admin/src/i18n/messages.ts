import { en } from './en.ts';

/**
 * A locale's messages: nested objects whose leaves are polyglot strings (`%{name}` is a value, `||||`
 * separates plural forms). Every admin locale has exactly the keys of the English one.
 */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** Every key of a message tree, dotted: `resources.players.name`. */
export function keysOf(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

/** `over` laid on `base`, nested objects merged key by key. */
export function mergeMessages(base: MessageTree, over: MessageTree): MessageTree {
  const merged: MessageTree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = merged[key];
    merged[key] =
      typeof value === 'object' && typeof under === 'object' ? mergeMessages(under, value) : value;
  }
  return merged;
}

/**
 * A message of the English locale with its values, for code that runs outside the panel's pages
 * (and its unit tests): `%{name}` is replaced, plural forms are not chosen.
 */
export function inEnglish(key: string, options: Record<string, unknown> = {}): string {
  const found = key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node ? (node as MessageTree)[part] : undefined),
      en,
    );
  if (typeof found !== 'string') return key;
  return found.replace(/%\{(\w+)\}/g, (whole, name: string) =>
    name in options ? String(options[name]) : whole,
  );
}
