import { describe, expect, it } from 'vitest';
import { inEnglish } from '../i18n/messages.ts';
import { roleProblemText } from './discord-words.ts';
import { channelChoices, type GuildDirectory, roleChoices, roleColour } from './guild-directory.ts';

const role = (id: string, name: string, position: number, extra: object = {}) => ({
  id,
  name,
  color: 0,
  position,
  managed: false,
  everyone: false,
  assignable: true,
  ...extra,
});

const directory: GuildDirectory = {
  status: 'ready',
  roles: [
    role('30', 'Tandem', 3, { managed: true, assignable: false }),
    role('20', 'Gold', 2),
    role('1', '@everyone', 0, { everyone: true, assignable: false }),
  ],
  channels: [
    { id: '100', name: 'Text', type: 'category', position: 0, parentId: null },
    { id: '200', name: 'Voice', type: 'category', position: 1, parentId: null },
    { id: '201', name: 'Lounge', type: 'voice', position: 0, parentId: '200' },
    { id: '101', name: 'general', type: 'text', position: 0, parentId: '100' },
    { id: '202', name: 'afk', type: 'voice', position: 1, parentId: '200' },
    { id: '102', name: 'news', type: 'announcement', position: 1, parentId: '100' },
    { id: '300', name: 'lobby', type: 'text', position: 2, parentId: null },
  ],
};

describe("the Discord server's choices", () => {
  it('offer roles highest first without @everyone, and keep a chosen role the server lacks', () => {
    expect(roleChoices(directory, [])).toEqual(['30', '20']);
    expect(roleChoices(directory, ['20', '999'])).toEqual(['30', '20', '999']);
    expect(roleChoices(directory, [], { withEveryone: true })).toEqual(['30', '20', '1']);
    expect(roleChoices(undefined, ['999'])).toEqual(['999']);
  });

  it('offer channels of one kind, each category together, then unknown chosen ones', () => {
    expect(channelChoices(directory, 'text', [])).toEqual([
      { id: '101', category: 'Text' },
      { id: '102', category: 'Text' },
      { id: '300', category: null },
    ]);
    expect(channelChoices(directory, 'voice', ['201', '555'])).toEqual([
      { id: '201', category: 'Voice' },
      { id: '202', category: 'Voice' },
      { id: '555', category: null },
    ]);
  });

  it("give a role's colour as CSS, none for 0", () => {
    expect(roleColour(0)).toBeUndefined();
    expect(roleColour(0xf1c40f)).toBe('#f1c40f');
    expect(roleColour(0x0000ff)).toBe('#0000ff');
  });

  it('say why a role cannot be given, with the fix, from its code and names', () => {
    const translate = (key: string, options?: Record<string, unknown>) => inEnglish(key, options);
    const gold = role('20', 'Gold', 5, {
      assignable: false,
      problem: { code: 'above-bot', message: 'English', params: { role: 'Gold', botRole: 'Tandem' } },
    });
    expect(roleProblemText(translate, gold)).toBe(
      "Gold is above Tandem's role Tandem: move the Tandem role above Gold in Server Settings → Roles.",
    );
    expect(roleProblemText(translate, role('20', 'Gold', 2))).toBeUndefined();
  });
});
