import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { methodsByName } from './index.ts';

/**
 * docs/emulators/coverage.md lists every Bot API method with its status. A method row is
 * `` | `getMe` | answered | ... | ``; the Discord tables on the same page start with a route or an
 * upper-case event name, so they never match.
 */
const coveragePage = new URL('../../../../../../docs/emulators/coverage.md', import.meta.url);
const methodRow = /^\| `([a-z][A-Za-z]*)` \| (answered|partly|not modelled) \|/;

function documentedMethods(): Array<{ name: string; status: string }> {
  return readFileSync(coveragePage, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const match = methodRow.exec(line);
      return match ? [{ name: match[1]!, status: match[2]! }] : [];
    });
}

describe('the coverage page lists the Bot API methods the emulator registers', () => {
  const rows = documentedMethods();
  const registered = [...methodsByName.values()].map((method) => method.name);
  const served = new Set(rows.filter((row) => row.status !== 'not modelled').map((row) => row.name));

  it('reads a full table (the row format has not drifted)', () => {
    expect(rows.length).toBeGreaterThan(150);
  });

  it('lists each method once', () => {
    const names = rows.map((row) => row.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('marks every registered method answered or partly', () => {
    expect(registered.filter((name) => !served.has(name))).toEqual([]);
  });

  it('marks nothing answered or partly that is not registered', () => {
    expect([...served].filter((name) => !methodsByName.has(name.toLowerCase()))).toEqual([]);
  });
});
