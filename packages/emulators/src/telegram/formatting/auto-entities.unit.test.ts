import { describe, expect, it } from 'vitest';
import { detectEntities } from './auto-entities.ts';

describe('detectEntities', () => {
  it('marks a leading command, with or without the bot username', () => {
    expect(detectEntities('/start ref_42')).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(detectEntities('/balance@tandem_bot')).toEqual([{ type: 'bot_command', offset: 0, length: 19 }]);
  });

  it('finds commands, mentions, hashtags and links inside text, in UTF-16 offsets', () => {
    expect(detectEntities('🎮 try /shop, ask @moderator #xp https://example.com/a#b.')).toEqual([
      { type: 'bot_command', offset: 7, length: 5 },
      { type: 'mention', offset: 18, length: 10 },
      { type: 'hashtag', offset: 29, length: 3 },
      { type: 'url', offset: 33, length: 23 },
    ]);
  });

  it('ignores slashes inside words and paths, and pure-number hashtags', () => {
    expect(detectEntities('and/or a/b #123')).toEqual([]);
  });

  it('takes an e-mail address whole, not as a mention', () => {
    expect(detectEntities('mail ops@tandem.gg')).toEqual([{ type: 'email', offset: 5, length: 13 }]);
  });
});
