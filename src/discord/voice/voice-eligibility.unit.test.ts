import { describe, expect, it } from 'vitest';
import { defaultEconomySettings, economySettingsSchema } from '../../economy/earning-rules.ts';
import { assessVoiceMinute, type VoiceMemberState } from './voice-eligibility.ts';

function inVoice(userId: string, channelId: string, extra: Partial<VoiceMemberState> = {}): VoiceMemberState {
  return {
    userId,
    channelId,
    isBot: false,
    selfMute: false,
    selfDeaf: false,
    serverMute: false,
    serverDeaf: false,
    roleIds: [],
    ...extra,
  };
}

function verdicts(
  states: VoiceMemberState[],
  settings = defaultEconomySettings,
  guildAfk: string | null = null,
) {
  return Object.fromEntries(
    assessVoiceMinute(states, settings, guildAfk).map((a) => [
      a.userId,
      a.eligibility.eligible ? 'eligible' : a.eligibility.reason,
    ]),
  );
}

describe('assessVoiceMinute', () => {
  it('two humans talking in one channel both earn', () => {
    expect(verdicts([inVoice('a', 'lounge'), inVoice('b', 'lounge')])).toEqual({
      a: 'eligible',
      b: 'eligible',
    });
  });

  it('a member alone earns nothing, and a bot is not company nor earns', () => {
    expect(
      verdicts([inVoice('a', 'lounge'), inVoice('music', 'lounge', { isBot: true }), inVoice('b', 'other')]),
    ).toEqual({ a: 'too_few_members', b: 'too_few_members' });
  });

  it('muted or deafened members earn nothing but still count as company', () => {
    expect(
      verdicts([
        inVoice('a', 'lounge'),
        inVoice('b', 'lounge', { selfMute: true }),
        inVoice('c', 'lounge', { serverDeaf: true }),
      ]),
    ).toEqual({ a: 'eligible', b: 'muted', c: 'deafened' });
  });

  it("neither the settings' AFK channel nor the guild's own earns", () => {
    const pair = [inVoice('a', 'afk'), inVoice('b', 'afk')];
    const withAfk = economySettingsSchema.parse({ voice: { afkChannelId: 'afk' } });
    expect(verdicts(pair, withAfk)).toEqual({ a: 'afk_channel', b: 'afk_channel' });
    expect(verdicts(pair, defaultEconomySettings, 'afk')).toEqual({ a: 'afk_channel', b: 'afk_channel' });
    const elsewhere = economySettingsSchema.parse({ voice: { afkChannelId: 'quiet' } });
    expect(verdicts(pair, elsewhere, 'afk')).toEqual({ a: 'afk_channel', b: 'afk_channel' });
    expect(verdicts([inVoice('a', 'quiet'), inVoice('b', 'quiet')], elsewhere, 'afk')).toEqual({
      a: 'afk_channel',
      b: 'afk_channel',
    });
  });

  it('keeps the role ids for the multiplier', () => {
    const [assessment] = assessVoiceMinute(
      [inVoice('a', 'lounge', { roleIds: ['gold'] }), inVoice('b', 'lounge')],
      defaultEconomySettings,
      null,
    );
    expect(assessment).toMatchObject({ userId: 'a', channelId: 'lounge', roleIds: ['gold'] });
  });
});
