import { describe, expect, it } from 'vitest';
import { pngHeader } from '../media/png-header.ts';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator();

describe('files', () => {
  it('takes a multipart document upload from replyWithDocument and serves it back through getFile', async () => {
    const csv = Buffer.from('rank,name\n1,Ivy\n2,Jon\n');
    fixture.bot.command('export', (ctx) =>
      ctx.replyWithDocument({ source: csv, filename: 'leaderboard.csv' }, { caption: 'Weekly #leaderboard' }),
    );
    await fixture.launch();

    const user = await fixture.control.createUser({ firstName: 'Kai' });
    const sent = await fixture.control.sendCommand({ from: user.id, command: 'export' });
    const posted = await fixture.control.waitFor({ types: ['bot.message'], since: sent.seq });
    if (posted.type !== 'bot.message') throw new Error('expected the export');
    expect(posted.message).toMatchObject({
      document: { file_name: 'leaderboard.csv', mime_type: 'text/csv', file_size: csv.length },
      caption: 'Weekly #leaderboard',
      caption_entities: [{ type: 'hashtag', offset: 7, length: 12 }],
    });

    const link = await fixture.bot.telegram.getFileLink(posted.message.document?.file_id ?? '');
    const download = await fetch(link);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(csv);
  });

  it("hands a user's photo to the bot with every size, and takes it back by file_id and by upload", async () => {
    fixture.bot.on('photo', async (ctx) => {
      const largest = ctx.message.photo.at(-1);
      await ctx.replyWithPhoto(largest?.file_id ?? '', { caption: 'Nice screenshot' });
      await ctx.replyWithPhoto({ source: pngHeader(64, 32), filename: 'badge.png' });
    });
    await fixture.launch();

    const user = await fixture.control.createUser({ firstName: 'Lea' });
    const sent = await fixture.control.sendPhoto({
      from: user.id,
      fileName: 'screenshot.png',
      contentBase64: pngHeader(1600, 1200).toString('base64'),
    });
    expect(sent.message.photo?.map((size) => [size.width, size.height])).toEqual([
      [90, 68],
      [320, 240],
      [800, 600],
      [1280, 960],
      [1600, 1200],
    ]);
    const first = await fixture.control.waitFor({ types: ['bot.message'], since: sent.seq });
    await fixture.control.waitFor({ types: ['bot.message'], since: first.seq });

    const [, resent, uploaded] = await fixture.control.messages(user.id);
    expect(resent?.photo).toEqual(sent.message.photo);
    expect(resent?.caption).toBe('Nice screenshot');
    expect(uploaded?.photo?.map((size) => [size.width, size.height])).toEqual([[64, 32]]);
  });

  it('refuses a photo that is not an image and a file_id it never issued', async () => {
    const user = await fixture.control.createUser({ firstName: 'Max' });
    await fixture.control.sendMessage({ from: user.id, text: 'hi' });

    await expect(
      fixture.bot.telegram.sendPhoto(user.id, { source: Buffer.from('not an image') }),
    ).rejects.toMatchObject({
      response: { ok: false, error_code: 400, description: 'Bad Request: IMAGE_PROCESS_FAILED' },
    });
    await expect(fixture.bot.telegram.sendDocument(user.id, 'AgACAgIAAxkBAAnope')).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: wrong file identifier/HTTP URL specified' },
    });
  });
});
