import { TelegramControlClient, TelegramEmulator } from '@tandem/emulators/telegram';
import { Telegram, TelegramError } from 'telegraf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformRateLimitedError, PlatformRefusedError, type TelegramPort } from '../sync/ports.ts';
import { createTelegramPort } from './telegram-port.ts';

let emulator: TelegramEmulator;
let control: TelegramControlClient;
let port: TelegramPort;

beforeAll(async () => {
  emulator = new TelegramEmulator();
  const { url } = await emulator.start();
  control = new TelegramControlClient(url);
  port = createTelegramPort(new Telegram(emulator.defaultBot.token, { apiRoot: url }));
});

beforeEach(async () => {
  await control.reset();
});

afterAll(async () => {
  await emulator.stop();
});

/** A user who has opened the bot's chat, so the bot may write to them. */
async function startedUser(firstName: string) {
  const user = await control.createUser({ firstName });
  await control.sendCommand({ from: user.id, command: 'start' });
  return user;
}

async function botTexts(userId: number): Promise<string[]> {
  const messages = await control.messages(userId);
  return messages.filter((m) => m.sender.kind === 'bot').map((m) => m.text ?? '');
}

describe('Telegram port', () => {
  it("puts a notice in the user's private chat with the bot", async () => {
    const ana = await startedUser('Ana');

    await port.notify(String(ana.id), 'You reached Silver! 1200 XP.');

    expect(await botTexts(ana.id)).toEqual(['You reached Silver! 1200 XP.']);
  });

  it('turns a 429 into PlatformRateLimitedError with retry_after in ms, and sends once it is over', async () => {
    const ben = await startedUser('Ben');
    await control.rateLimit({ durationMs: 30_000, count: 1, retryAfter: 7, method: 'sendMessage' });

    const error = await port.notify(String(ben.id), 'Daily bonus ready').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformRateLimitedError);
    expect(error).toMatchObject({ platform: 'telegram', retryAfterMs: 7000 });
    await port.notify(String(ben.id), 'Daily bonus ready');
    expect(await botTexts(ben.id)).toEqual(['Daily bonus ready']);
  });

  it('refuses, with a reason an admin understands, a user who blocked the bot', async () => {
    const cid = await startedUser('Cid');
    await control.blockBot(cid.id);

    const error = await port.notify(String(cid.id), 'You unlocked Chatterbox').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformRefusedError);
    expect((error as Error).message).toBe(
      `telegram refused: cannot message user ${cid.id}: they blocked the bot (they can unblock it in Telegram)`,
    );
  });

  it('refuses a user who never started the bot, and a chat Telegram does not know', async () => {
    const dee = await control.createUser({ firstName: 'Dee' });

    const neverStarted = await port.notify(String(dee.id), 'hello').catch((e: unknown) => e);
    const unknown = await port.notify('999999999', 'hello').catch((e: unknown) => e);

    expect(neverStarted).toBeInstanceOf(PlatformRefusedError);
    expect((neverStarted as Error).message).toMatch(/never started a chat with the bot/);
    expect(unknown).toBeInstanceOf(PlatformRefusedError);
    expect((unknown as Error).message).toMatch(
      /cannot message user 999999999: Telegram knows no chat with them/,
    );
  });

  it("leaves a server error as it is, for the queue's retries", async () => {
    const eve = await startedUser('Eve');
    await control.failNextCalls({ count: 1, status: 502, method: 'sendMessage' });

    const error = await port.notify(String(eve.id), 'hello').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramError);
    expect(error).not.toBeInstanceOf(PlatformRefusedError);
    expect((error as TelegramError).code).toBe(502);
  });

  it('cuts a notice to the 4096 characters Telegram accepts', async () => {
    const fay = await startedUser('Fay');

    await port.notify(String(fay.id), 'x'.repeat(5000));

    const [text] = await botTexts(fay.id);
    expect(text).toHaveLength(4096);
    expect(text?.endsWith('…')).toBe(true);
  });

  it('refuses a shop title Telegram will not set, telling the admin what the bot needs', async () => {
    // The emulator does not carry promoteChatMember: it answers as Telegram does for a call it refuses.
    const ana = await startedUser('Ana');
    const refusal = await port.setMemberTitle!('-100123', String(ana.id), 'Patron').catch((e) => e);
    expect(refusal).toBeInstanceOf(PlatformRefusedError);
    expect(refusal.message).toMatch(/allowed to add new administrators/);
  });
});
