import { describe, expect, it } from 'vitest';
import { pngHeader } from '../media/png-header.ts';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';
import { callBotApi } from './testing.ts';

const fixture = useTelegramEmulator();

/** A user who has written to the bot, so the bot may answer in their private chat. */
async function player() {
  const user = await fixture.control.createUser({ firstName: 'Nia' });
  await fixture.control.sendMessage({ from: user.id, text: 'hi' });
  return user;
}

describe('video, animation, voice, audio and sticker messages', () => {
  it('sends each kind by upload with the details the bot gives, and again by file_id', async () => {
    const user = await player();
    const clip = Buffer.from('not really an mp4');

    const video = await fixture.telegram.sendVideo(
      user.id,
      { source: clip, filename: 'highlight.mp4' },
      { caption: 'Top #play', width: 1280, height: 720, duration: 12 },
    );
    expect(video.video).toMatchObject({
      width: 1280,
      height: 720,
      duration: 12,
      file_name: 'highlight.mp4',
      mime_type: 'video/mp4',
      file_size: clip.length,
    });
    expect(video.caption_entities).toEqual([{ type: 'hashtag', offset: 4, length: 5 }]);

    const animation = await fixture.telegram.sendAnimation(user.id, { source: clip, filename: 'gg.mp4' });
    expect(animation.animation.file_id).toBe(animation.document.file_id);

    const voice = await fixture.telegram.sendVoice(
      user.id,
      { source: clip, filename: 'note.ogg' },
      { duration: 3 },
    );
    expect(voice.voice).toMatchObject({ duration: 3, mime_type: 'audio/ogg' });

    const audio = await fixture.telegram.sendAudio(
      user.id,
      { source: clip, filename: 'anthem.mp3' },
      { duration: 200, performer: 'Guild', title: 'Anthem' },
    );
    expect(audio.audio).toMatchObject({
      duration: 200,
      performer: 'Guild',
      title: 'Anthem',
      mime_type: 'audio/mpeg',
    });

    const sticker = await fixture.telegram.sendSticker(user.id, {
      source: pngHeader(512, 256),
      filename: 'gg.webp',
    });
    expect(sticker.sticker).toMatchObject({
      type: 'regular',
      width: 512,
      height: 256,
      is_animated: false,
      is_video: false,
    });
    expect(sticker).not.toHaveProperty('caption');

    const again = await fixture.telegram.sendVideo(user.id, video.video.file_id, { duration: 12 });
    expect(again.video.file_unique_id).toBe(video.video.file_unique_id);
    const link = await fixture.telegram.getFileLink(voice.voice.file_id);
    expect(Buffer.from(await (await fetch(link)).arrayBuffer())).toEqual(clip);
  });

  it("refuses a file_id of another kind with Telegram's wording", async () => {
    const user = await player();
    const voice = await fixture.telegram.sendVoice(user.id, {
      source: Buffer.from('ogg'),
      filename: 'a.ogg',
    });
    await expect(fixture.telegram.sendVideo(user.id, voice.voice.file_id)).rejects.toMatchObject({
      response: { error_code: 400, description: "Bad Request: can't use file of type VoiceNote as Video" },
    });
  });

  it('refuses a send without its file, and getFile without or with an unknown file_id', async () => {
    const user = await player();
    await expect(fixture.telegram.callApi('sendVoice', { chat_id: user.id } as never)).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: there is no voice in the request' },
    });
    await expect(fixture.telegram.getFile('')).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: file_id not specified' },
    });
    await expect(fixture.telegram.getFile('AgACAgIAAxkBAAunknown')).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: invalid file_id' },
    });
  });
});

describe('sendMediaGroup', () => {
  it('sends an album of photos and a video as messages sharing one media_group_id', async () => {
    const user = await player();
    const photo = await fixture.telegram.sendPhoto(user.id, { source: pngHeader(64, 64), filename: 'a.png' });
    const album = await fixture.telegram.sendMediaGroup(user.id, [
      {
        type: 'photo',
        media: { source: pngHeader(100, 50), filename: 'b.png' },
        caption: 'Season <b>one</b>',
        parse_mode: 'HTML',
      },
      { type: 'photo', media: photo.photo.at(-1)?.file_id ?? '' },
      { type: 'video', media: { source: Buffer.from('clip'), filename: 'c.mp4' }, duration: 5 },
    ]);

    expect(album).toHaveLength(3);
    const groupId = album[0]?.media_group_id;
    expect(groupId).toMatch(/^\d+$/);
    expect(album.map((message) => message.media_group_id)).toEqual([groupId, groupId, groupId]);
    expect(album.map((message) => message.message_id)).toEqual([3, 4, 5]);
    expect(album[0]).toMatchObject({
      caption: 'Season one',
      caption_entities: [{ type: 'bold', offset: 7, length: 3 }],
    });
    expect(album[1]).toMatchObject({ photo: photo.photo });
    expect(album[2]).toMatchObject({ video: { duration: 5, file_name: 'c.mp4' } });
  });

  it("keeps documents and audio apart from other media and takes 2-10 items, as Telegram's album rules say", async () => {
    const user = await player();
    const file = { source: Buffer.from('x'), filename: 'x.txt' };
    const photo = { source: pngHeader(10, 10), filename: 'p.png' };

    // telegraf's types forbid these albums, so they go out raw, with files the bot sent before.
    const ids = {
      photo: (await fixture.telegram.sendPhoto(user.id, photo)).photo.at(-1)?.file_id,
      document: (await fixture.telegram.sendDocument(user.id, file)).document.file_id,
      audio: (await fixture.telegram.sendAudio(user.id, { source: Buffer.from('a'), filename: 'a.mp3' }))
        .audio.file_id,
      video: (await fixture.telegram.sendVideo(user.id, { source: Buffer.from('v'), filename: 'v.mp4' }))
        .video.file_id,
    };
    const album = (...kinds: Array<keyof typeof ids>) =>
      callBotApi(fixture.url, fixture.emulator.defaultBot.token, 'sendMediaGroup', {
        chat_id: user.id,
        media: kinds.map((kind) => ({ type: kind, media: ids[kind] })),
      });
    expect((await album('photo', 'document')).body).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: document can't be mixed with other media types",
    });
    expect((await album('audio', 'video')).body.description).toBe(
      "Bad Request: audio can't be mixed with other media types",
    );
    expect((await album('photo', 'video')).body.ok).toBe(true);
    const eleven = Array.from({ length: 11 }, () => ({ type: 'document' as const, media: file }));
    await expect(fixture.telegram.sendMediaGroup(user.id, eleven)).rejects.toMatchObject({
      response: { description: 'Bad Request: too many messages to send as an album' },
    });
    await expect(fixture.telegram.sendMediaGroup(user.id, [])).rejects.toMatchObject({
      response: { description: 'Bad Request: there are no messages to send' },
    });

    const documents = await fixture.telegram.sendMediaGroup(user.id, [
      { type: 'document', media: file },
      { type: 'document', media: { source: Buffer.from('y'), filename: 'y.csv' } },
    ]);
    expect(documents.map((message) => 'document' in message && message.document.file_name)).toEqual([
      'x.txt',
      'y.csv',
    ]);
    // Refused albums sent nothing: the greeting, four single files, one album of two, two documents.
    expect(await fixture.control.messages(user.id)).toHaveLength(9);
  });
});
