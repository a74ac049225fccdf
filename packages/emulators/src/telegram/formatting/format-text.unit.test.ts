import { describe, expect, it } from 'vitest';
import { BotApiError } from '../errors.ts';
import { formatText } from './format-text.ts';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BotApiError) return error.description;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('formatText', () => {
  it('keeps plain text and finds commands in it', () => {
    expect(formatText('Try /shop', undefined, undefined)).toEqual({
      text: 'Try /shop',
      entities: [{ type: 'bot_command', offset: 4, length: 5 }],
    });
  });

  it('turns HTML into text and entities', () => {
    expect(
      formatText('<b>Rank up!</b> You have &lt;5&gt; <a href="https://t.me/x">coins</a>', 'HTML', undefined),
    ).toEqual({
      text: 'Rank up! You have <5> coins',
      entities: [
        { type: 'bold', offset: 0, length: 8 },
        { type: 'text_link', offset: 22, length: 5, url: 'https://t.me/x' },
      ],
    });
    expect(formatText('<pre><code class="language-ts">x</code></pre>', 'HTML', undefined).entities).toEqual([
      { type: 'pre', offset: 0, length: 1, language: 'ts' },
    ]);
  });

  it("refuses broken HTML with Telegram's messages", () => {
    expect(refusal(() => formatText('<b>bold', 'HTML', undefined))).toBe(
      `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    );
    expect(refusal(() => formatText('a <blink>b</blink>', 'HTML', undefined))).toBe(
      `Bad Request: can't parse entities: Unsupported start tag "blink" at byte offset 2`,
    );
  });

  it('parses MarkdownV2 and refuses an unescaped reserved character', () => {
    expect(formatText('*Level 3* reached\\! `code`', 'MarkdownV2', undefined)).toEqual({
      text: 'Level 3 reached! code',
      entities: [
        { type: 'bold', offset: 0, length: 7 },
        { type: 'code', offset: 17, length: 4 },
      ],
    });
    expect(refusal(() => formatText('You earned 5.5 coins', 'MarkdownV2', undefined))).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(refusal(() => formatText('*bold', 'MarkdownV2', undefined))).toBe(
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0",
    );
  });

  it('parses legacy Markdown links and refuses an unknown parse mode', () => {
    expect(formatText('[shop](https://x.y/s) _now_', 'Markdown', undefined).entities).toEqual([
      { type: 'text_link', offset: 0, length: 4, url: 'https://x.y/s' },
      { type: 'italic', offset: 5, length: 3 },
    ]);
    expect(refusal(() => formatText('x', 'BBCode', undefined))).toBe('Bad Request: unsupported parse_mode');
  });

  it('uses explicit entities only without a parse_mode, as the Bot API server does', () => {
    expect(formatText('*x*', 'MarkdownV2', [{ type: 'italic', offset: 0, length: 3 }])).toEqual({
      text: 'x',
      entities: [{ type: 'bold', offset: 0, length: 1 }],
    });
    expect(formatText('*x*', 'None', [{ type: 'bold', offset: 0, length: 3 }]).entities).toEqual([
      { type: 'bold', offset: 0, length: 3 },
    ]);
    expect(formatText('*x*', undefined, [{ type: 'bold', offset: 0, length: 3 }]).entities).toEqual([
      { type: 'bold', offset: 0, length: 3 },
    ]);
  });

  it('reads explicit entities as the Bot API server does', () => {
    // Not an array: ignored. Kinds Telegram detects itself are dropped and found again.
    expect(formatText('Try /shop', undefined, { type: 'bold' }).entities).toEqual([
      { type: 'bot_command', offset: 4, length: 5 },
    ]);
    expect(
      formatText('Try /shop', undefined, [
        { type: 'mention', offset: 0, length: 3 },
        { type: 'pre', offset: '0', length: 3, language: '', extra: true },
      ]).entities,
    ).toEqual([
      { type: 'pre', offset: 0, length: 3 },
      { type: 'bot_command', offset: 4, length: 5 },
    ]);
    const prefix = "Bad Request: can't parse MessageEntity:";
    expect(refusal(() => formatText('x', undefined, ['bold']))).toBe(`${prefix} expected an Object`);
    expect(refusal(() => formatText('x', undefined, [{ type: 'bold', length: 1 }]))).toBe(
      `${prefix} Can't find field "offset"`,
    );
    expect(refusal(() => formatText('x', undefined, [{ type: 'bold', offset: true, length: 1 }]))).toBe(
      `${prefix} Field "offset" must be a Number`,
    );
    expect(refusal(() => formatText('x', undefined, [{ type: 'bold', offset: 'a', length: 1 }]))).toBe(
      `${prefix} Field "offset" must be a valid Number`,
    );
    expect(refusal(() => formatText('x', undefined, [{ type: '', offset: 0, length: 1 }]))).toBe(
      `${prefix} Type is not specified`,
    );
    expect(refusal(() => formatText('x', undefined, [{ type: 'blink', offset: 0, length: 1 }]))).toBe(
      `${prefix} Unsupported type specified`,
    );
    expect(refusal(() => formatText('x', undefined, [{ type: 'text_link', offset: 0, length: 1 }]))).toBe(
      `${prefix} Can't find field "url"`,
    );
  });
});
