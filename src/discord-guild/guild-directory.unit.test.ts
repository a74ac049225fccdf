import { describe, expect, it } from 'vitest';
import { buildGuildDirectory, idLookups } from './guild-directory.ts';
import type { GuildSnapshot } from './guild-port.ts';

const manageRoles = String(1n << 28n);
const administrator = String(1n << 3n);
const at = new Date('2026-01-02T03:04:05Z');

function snapshot(botPermissions = manageRoles): GuildSnapshot {
  return {
    guild: { id: '100', name: 'Test Server' },
    roles: [
      { id: '100', name: '@everyone', color: 0, position: 0, permissions: '0', managed: false },
      { id: '101', name: 'Bronze', color: 0xcd7f32, position: 1, permissions: '0', managed: false },
      { id: '102', name: 'Gold', color: 0xd4af37, position: 4, permissions: '0', managed: false },
      { id: '103', name: 'Tandem', color: 0, position: 3, permissions: botPermissions, managed: true },
      { id: '104', name: 'Server Booster', color: 0, position: 2, permissions: '0', managed: true },
    ],
    channels: [
      { id: '201', name: 'lounge', type: 2, position: 1, parentId: '210' },
      { id: '202', name: 'general', type: 0, position: 0, parentId: '210' },
      { id: '210', name: 'Community', type: 4, position: 1, parentId: null },
      { id: '211', name: 'Info', type: 4, position: 0, parentId: null },
      { id: '212', name: 'news', type: 5, position: 0, parentId: '211' },
      { id: '220', name: 'loose', type: 15, position: 9, parentId: null },
    ],
    bot: { userId: '900', roleIds: ['103'] },
  };
}

describe('the guild directory', () => {
  it('lists roles highest first with @everyone last, and says which Tandem can give and why not', () => {
    const directory = buildGuildDirectory(snapshot(), at);
    expect(directory.status).toBe('ready');
    expect(directory.bot).toEqual({
      userId: '900',
      topRoleId: '103',
      topRoleName: 'Tandem',
      topRolePosition: 3,
      manageRoles: true,
      sendMessages: false,
    });
    expect(directory.roles.map((r) => [r.name, r.assignable, r.problem?.code])).toEqual([
      ['Gold', false, 'above-bot'],
      ['Tandem', false, 'managed'],
      ['Server Booster', false, 'managed'],
      ['Bronze', true, undefined],
      ['@everyone', false, 'everyone'],
    ]);
    expect(directory.roles[0]?.problem).toEqual({
      code: 'above-bot',
      message:
        "Gold is above Tandem's role Tandem: move the Tandem role above Gold in Server Settings → Roles.",
      params: { role: 'Gold', botRole: 'Tandem' },
    });
    expect(directory.fetchedAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('refuses every role without Manage Roles, and Administrator implies it', () => {
    const without = buildGuildDirectory(snapshot('0'), at);
    expect(without.roles.find((r) => r.name === 'Bronze')?.problem?.code).toBe('no-manage-roles');
    const admin = buildGuildDirectory(snapshot(administrator), at);
    expect(admin.bot?.manageRoles).toBe(true);
    expect(admin.roles.find((r) => r.name === 'Bronze')?.assignable).toBe(true);
  });

  it('orders categories by position, each followed by its channels, then channels with no category', () => {
    const directory = buildGuildDirectory(snapshot(), at);
    expect(directory.channels.map((c) => `${c.type}:${c.name}`)).toEqual([
      'category:Info',
      'announcement:news',
      'category:Community',
      'text:general',
      'voice:lounge',
      'forum:loose',
    ]);
  });

  it('answers the save checks: unknown ids and unusable roles, with the fix', () => {
    const directory = buildGuildDirectory(snapshot(), at);
    const ids = idLookups({ ...directory, status: 'ready' });
    expect(ids.roleProblem('101')).toBeNull();
    expect(ids.roleProblem('102')).toContain('move the Tandem role above Gold');
    expect(ids.roleProblem('999')).toBe(
      "There is no role 999 in Test Server: pick one of the server's roles.",
    );
    expect(ids.missingRole('102')).toBeNull();
    expect(ids.missingChannel('202')).toBeNull();
    expect(ids.missingChannel('998')).toBe(
      "There is no channel 998 in Test Server: pick one of the server's channels.",
    );
  });
});
