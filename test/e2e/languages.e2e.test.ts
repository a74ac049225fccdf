import type { TelegramTypes as Tg } from '@tandem/emulators/telegram';
import { Telegram } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageSettingsKey } from '../../src/texts/language-settings.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';

/** The code in a `/link` answer: six characters of the unambiguous alphabet. */
function codeIn(reply: string): string {
  const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(reply)?.[1];
  if (!code) throw new Error(`no link code in: ${reply}`);
  return code;
}

const cyrillic = /[а-яё]/i;

describe('each player reads the bots in their language (real telegraf and discord.js against the emulators)', () => {
  let world: BotWorld;
  beforeAll(async () => {
    world = await openBotWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  /** The bot's answer to a press of the button whose data is `data` under `message`. */
  async function pressTelegramButton(userId: number, message: Tg.Message, data: string): Promise<string> {
    const markup = message.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
    const offered = (markup?.inline_keyboard ?? []).flat().map((button) => button.callback_data);
    expect(offered).toContain(data);
    const pressed = await world.telegram.control.pressButton({
      from: userId,
      messageId: message.message_id,
      data,
    });
    const answer = await world.telegram.control.waitFor({
      types: ['bot.message', 'bot.edit'],
      chatId: userId,
      since: pressed.seq,
    });
    return (answer as { message: Tg.Message }).message.text ?? '';
  }

  /** Sends `/language` and resolves with the menu the bot showed. */
  async function languageMenu(userId: number): Promise<Tg.Message> {
    const { seq } = world.telegram.control.sendCommand({ from: userId, command: 'language' });
    const shown = await world.telegram.control.waitFor({
      types: ['bot.message'],
      chatId: userId,
      since: seq,
    });
    return (shown as { message: Tg.Message }).message;
  }

  it('/help on Telegram follows the app: Russian for Вера, English for Ana', async () => {
    const vera = world.telegramUser(2);
    const ana = world.telegramUser(0);
    const russian = await vera.command('help');
    expect(russian).toMatch(/^👋 Вот что я умею:/);
    expect(russian).toContain('/daily: Забрать ежедневный бонус');
    expect(russian).toContain('/language: Выбрать язык, на котором я с вами говорю');
    const english = await ana.command('help');
    expect(english).toMatch(/^👋 Here's what I can do:/);
    expect(english).toContain('/daily: Claim your daily bonus');
  });

  it('/help on Discord follows the locale: Russian for dmitri, English for alice', async () => {
    const russian = await world.discordMember('dmitri').command('help');
    expect(russian).toMatch(/^👋 Вот что я умею:/);
    expect(russian).toContain('/sync: Заново проверить прогресс и роли');
    const english = await world.discordMember('alice').command('help');
    expect(english).toMatch(/^👋 Here's what I can do:/);
    expect(english).toContain('voice channels');
  });

  it('Telegram lists the commands in Russian for Russian apps and in English for everyone else', async () => {
    const telegram = new Telegram(world.demo.telegram.bot.token, { apiRoot: world.telegram.url });
    const russian = await telegram.getMyCommands({ language_code: 'ru' });
    expect(russian).toContainEqual({ command: 'daily', description: 'Забрать ежедневный бонус' });
    expect(russian).toContainEqual({
      command: 'language',
      description: 'Выбрать язык, на котором я с вами говорю',
    });
    const fallback = await telegram.getMyCommands();
    expect(fallback).toContainEqual({ command: 'daily', description: 'Claim your daily bonus' });
    expect(await telegram.getMyCommands({ language_code: 'en' })).toEqual(fallback);
    expect(russian.map((c) => c.command)).toEqual(fallback.map((c) => c.command));
  });

  it('Discord registered every slash command with its Russian description', async () => {
    const commands = await world.discord.control.commands({ guildId: world.demo.discord.guildId });
    const russian = (name: string) =>
      (commands.find((c) => c.name === name)?.description_localizations as Record<string, string> | null)?.ru;
    expect(russian('daily')).toBe('Забрать ежедневный бонус');
    expect(russian('language')).toBe('Выбрать язык, на котором я с вами говорю');
    for (const command of commands)
      expect(russian(command.name as string), command.name as string).toMatch(cyrillic);
  });

  it('/language on Telegram switches with a button or a word, and is remembered after the bot restarts', async () => {
    const ana = world.telegramUser(0);
    const menu = await languageMenu(ana.id);
    expect(menu.text).toBe('I speak English with you, as your app does. Pick another language:');
    expect(await pressTelegramButton(ana.id, menu, 'language:ru')).toBe(
      'Готово: теперь я говорю с вами по-русски.',
    );
    expect(await ana.command('help')).toMatch(/^👋 Вот что я умею:/);

    await world.restartBots();
    expect(await ana.command('help')).toMatch(/^👋 Вот что я умею:/);
    expect((await languageMenu(ana.id)).text).toBe('Я говорю с вами на языке: Русский. Выберите другой:');

    expect(await ana.command('language', 'klingon')).toBe(
      'Я не знаю языка «klingon». Выберите один из: en, ru, client.',
    );
    const back = await languageMenu(ana.id);
    expect(await pressTelegramButton(ana.id, back, 'language:client')).toBe(
      "Done: I will speak your app's language with you (English now).",
    );
    expect(await ana.command('help')).toMatch(/^👋 Here's what I can do:/);
    expect(await ana.command('language', 'ru')).toBe('Готово: теперь я говорю с вами по-русски.');
    expect(await ana.command('language', 'English')).toBe('Done: I will speak English with you from now on.');
  });

  it('/language on Discord answers privately in the new language and holds after the bot restarts', async () => {
    const dmitri = world.discordMember('dmitri');
    expect(await dmitri.command('language')).toBe(
      'Я говорю с вами на языке вашего приложения Discord: Русский. Чтобы сменить его, введите /language и выберите язык.',
    );
    expect(await dmitri.command('language', { language: 'en' })).toBe(
      'Done: I will speak English with you from now on.',
    );
    expect(await dmitri.command('help')).toMatch(/^👋 Here's what I can do:/);
    await world.restartBots();
    expect(await dmitri.command('help')).toMatch(/^👋 Here's what I can do:/);
    expect(await dmitri.command('language', { language: 'client' })).toBe(
      'Готово: я говорю с вами на языке вашего приложения (сейчас это Русский).',
    );
    expect(await dmitri.command('help')).toMatch(/^👋 Вот что я умею:/);
  });

  it('the choice is the player’s: linked accounts keep it on both platforms', async () => {
    const ben = world.telegramUser(1);
    const bob = world.discordMember('bob');
    expect(await ben.command('language', 'ru')).toBe('Готово: теперь я говорю с вами по-русски.');
    await bob.command('profile');
    const code = codeIn(await ben.command('link'));
    await world.settle();
    await (await bob.redeem(code)).confirm();
    await world.settle();
    expect(await bob.playerId()).toBe(await ben.playerId());
    // bob's Discord app is in English, but the player chose Russian on Telegram.
    expect(await bob.command('help')).toMatch(/^👋 Вот что я умею:/);
    expect(await ben.command('help')).toMatch(/^👋 Вот что я умею:/);
  });
});

describe('a community whose default language is Russian (real bots against the emulators)', () => {
  let world: BotWorld;
  beforeAll(async () => {
    world = await openBotWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('answers apps in languages Tandem does not speak in Russian, and lists the commands in Russian by default', async () => {
    await world.tandem.db.prisma.setting.upsert({
      where: { key: languageSettingsKey },
      create: { key: languageSettingsKey, value: { defaultLanguage: 'ru' } },
      update: { value: { defaultLanguage: 'ru' } },
    });
    world.tandem.texts.onChange({ entity: 'settings', action: 'updated', id: languageSettingsKey });
    await world.restartBots();

    const telegram = new Telegram(world.demo.telegram.bot.token, { apiRoot: world.telegram.url });
    expect(await telegram.getMyCommands()).toContainEqual({
      command: 'daily',
      description: 'Забрать ежедневный бонус',
    });
    expect(await telegram.getMyCommands({ language_code: 'en' })).toContainEqual({
      command: 'daily',
      description: 'Claim your daily bonus',
    });

    const german = world.telegram.control.createUser({ firstName: 'Jonas', languageCode: 'de' });
    const { seq } = world.telegram.control.sendCommand({ from: german.id, command: 'help' });
    const answer = await world.telegram.control.waitFor({
      types: ['bot.message'],
      chatId: german.id,
      since: seq,
    });
    expect((answer as { message: Tg.Message }).message.text).toMatch(/^👋 Вот что я умею:/);
    expect(await world.telegramUser(0).command('help')).toMatch(/^👋 Here's what I can do:/);
  });
});

/** /profile and /daily as a player reads them: in Russian for a Russian app, in English otherwise. */
describe('/profile and /daily in the reader’s language (real bots against the emulators)', () => {
  let world: BotWorld;
  beforeAll(async () => {
    world = await openBotWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('on Telegram: Вера reads Russian, Ana English', async () => {
    const vera = world.telegramUser(2);
    const ana = world.telegramUser(0);
    const veraDaily = await vera.command('daily');
    expect(veraDaily).toMatch(/^🎁 Ежедневный бонус: /);
    expect(veraDaily).not.toMatch(/Daily bonus|coins/i);
    const veraProfile = await vera.command('profile');
    expect(veraProfile).toMatch(/^👤 vera_igraet/);
    expect(veraProfile).toMatch(/Ранг: .* XP/);
    expect(veraProfile).toContain('Монеты: ');
    expect(veraProfile).toContain('ещё не привязан');
    expect(veraProfile).not.toMatch(/\bCoins\b|Not linked/);

    expect(await ana.command('daily')).toMatch(/^🎁 Daily bonus: /);
    const anaProfile = await ana.command('profile');
    expect(anaProfile).toContain('Coins: ');
    expect(anaProfile).toContain('Not linked with Discord yet');
    expect(anaProfile).not.toMatch(cyrillic);
  });

  it('on Discord: dmitri reads Russian, alice English', async () => {
    const dmitri = world.discordMember('dmitri');
    const alice = world.discordMember('alice');
    const dmitriDaily = await dmitri.command('daily');
    expect(dmitriDaily).toMatch(/^🎁 Ежедневный бонус: /);
    expect(dmitriDaily).not.toMatch(/Daily bonus|coins/i);
    const dmitriProfile = await dmitri.command('profile');
    expect(dmitriProfile).toMatch(/^👤 dmitri/);
    expect(dmitriProfile).toMatch(/Ранг: .* XP/);
    expect(dmitriProfile).toContain('Монеты: ');
    expect(dmitriProfile).toContain('ещё не привязан');
    expect(dmitriProfile).not.toMatch(/\bCoins\b|Not linked/);

    expect(await alice.command('daily')).toMatch(/^🎁 Daily bonus: /);
    const aliceProfile = await alice.command('profile');
    expect(aliceProfile).toContain('👤 alice');
    expect(aliceProfile).toContain('Coins: ');
    expect(aliceProfile).toContain('Not linked with Telegram yet');
    expect(aliceProfile).not.toMatch(cyrillic);
  });
});
