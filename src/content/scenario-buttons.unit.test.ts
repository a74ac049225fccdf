import { describe, expect, it } from 'vitest';
import {
  readStoredButtons,
  resolveButton,
  scenarioButtonSchema,
  scenarioButtonsSchema,
} from './scenario-buttons.ts';

function issues(input: unknown): Record<string, string> {
  const parsed = scenarioButtonsSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('scenario buttons', () => {
  it('accept a label with exactly one of scenario slug, http(s) link or command', () => {
    const buttons = [
      { label: 'Next page', scenario: 'how-it-works' },
      { label: 'Site', url: 'https://example.org/community' },
      { label: 'Plain http', url: 'http://example.org' },
      { label: 'Daily', command: '/daily' },
      { label: '  Trimmed  ', command: '/game_2' },
    ];
    const parsed = scenarioButtonsSchema.parse(buttons);
    expect(parsed[4]).toEqual({ label: 'Trimmed', command: '/game_2' });
  });

  it('refuse each broken part with a message at its path', () => {
    expect(issues([{ label: '', command: '/daily' }])).toEqual({ '0.label': 'a button needs a label' });
    expect(issues([{ label: 'x'.repeat(65), command: '/daily' }])).toMatchObject({
      '0.label': expect.stringMatching(/at most 64 characters/),
    });
    expect(issues([{ label: 'Both', url: 'https://example.org', command: '/daily' }])).toEqual({
      '0': 'choose exactly one of: a scenario, a web link (url) or a bot command',
    });
    expect(issues([{ label: 'None' }])).toEqual({
      '0': 'choose exactly one of: a scenario, a web link (url) or a bot command',
    });
    expect(issues([{ label: 'Ftp', url: 'ftp://example.org' }])).toMatchObject({
      '0.url': expect.stringMatching(/http:\/\/ or https:\/\//),
    });
    expect(issues([{ label: 'Script', url: 'javascript:alert(1)' }])).toHaveProperty('0.url');
    expect(issues([{ label: 'No slash', command: 'daily' }])).toMatchObject({
      '0.command': expect.stringMatching(/like \/daily/),
    });
    expect(issues([{ label: 'Upper', command: '/Daily' }])).toHaveProperty('0.command');
    expect(issues([{ label: 'Slug', scenario: 'How It Works' }])).toMatchObject({
      '0.scenario': expect.stringMatching(/lowercase letters, digits and dashes/),
    });
    expect(issues(Array.from({ length: 11 }, () => ({ label: 'x', command: '/daily' })))).toEqual({
      '': 'at most 10 buttons',
    });
  });

  it('read stored JSON leniently: invalid buttons are dropped, the rest kept', () => {
    const stored = [
      { label: 'Ok', command: '/daily' },
      { label: 'Broken' },
      'junk',
      { label: 'Site', url: 'https://x.org' },
    ];
    expect(readStoredButtons(stored)).toEqual([
      { label: 'Ok', command: '/daily' },
      { label: 'Site', url: 'https://x.org' },
    ]);
    expect(readStoredButtons({ not: 'a list' })).toEqual([]);
  });

  it('resolve scenario slugs to ids and drop buttons whose scenario is missing', () => {
    const ids = new Map([['welcome', 7]]);
    expect(resolveButton(scenarioButtonSchema.parse({ label: 'Back', scenario: 'welcome' }), ids)).toEqual({
      label: 'Back',
      target: { kind: 'scenario', scenarioId: 7 },
    });
    expect(resolveButton(scenarioButtonSchema.parse({ label: 'Gone', scenario: 'deleted' }), ids)).toBeNull();
    expect(resolveButton(scenarioButtonSchema.parse({ label: 'Daily', command: '/daily' }), ids)).toEqual({
      label: 'Daily',
      target: { kind: 'command', command: '/daily' },
    });
  });
});
