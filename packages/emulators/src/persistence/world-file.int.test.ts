import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordControlClient } from '../discord/index.ts';
import { type RunningEmulators, startEmulators } from '../start-emulators.ts';
import { TelegramControlClient } from '../telegram/index.ts';
import { fromTaggedJson, toTaggedJson } from './tagged-json.ts';

const running: RunningEmulators[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const emulators of running.splice(0)) await emulators.stop();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function worldFile(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tandem-world-'));
  folders.push(folder);
  return join(folder, 'sandbox', 'world.json');
}

async function started(file?: string): Promise<RunningEmulators> {
  const emulators = await startEmulators({
    telegramPort: 0,
    discordPort: 0,
    sandboxPort: 0,
    host: '127.0.0.1',
    ...(file ? { worldFile: file } : {}),
  });
  running.push(emulators);
  return emulators;
}

const clients = (emulators: RunningEmulators) => ({
  telegram: new TelegramControlClient(emulators.telegramUrl),
  discord: new DiscordControlClient(emulators.discord.controlUrl),
});

/** getUpdates as a bot would call it, without confirming anything. */
async function pendingUpdates(emulators: RunningEmulators): Promise<Array<{ update_id: number }>> {
  const res = await fetch(`${emulators.telegramUrl}/bot${emulators.demo.telegram.bot.token}/getUpdates`);
  return ((await res.json()) as { result: Array<{ update_id: number }> }).result;
}

async function savedFile(file: string): Promise<{ cleanStop: boolean }> {
  return fromTaggedJson(await readFile(file, 'utf8')) as { cleanStop: boolean };
}

describe('the emulators with a world file', () => {
  it('continue the same world after a restart: users, chats, update ids, members and their roles', async () => {
    const file = await worldFile();
    const first = await started(file);
    const ana = first.demo.telegram.users[0]!;
    const { telegram, discord } = clients(first);
    const sent = await telegram.sendCommand({ from: ana.id, command: 'daily' });
    const newcomer = await telegram.createUser({ firstName: 'Cleo' });
    const { guildId, roles, users, channels } = first.demo.discord;
    await discord.changeRolesAsModerator(guildId, users.bob, { add: [roles.silver] });
    const posted = await discord.sendMessage(channels.general, { authorId: users.alice, content: 'gg' });
    await first.stop();
    running.length = 0;
    expect((await savedFile(file)).cleanStop).toBe(true);

    const second = await started(file);
    const again = clients(second);
    expect(second.demo).toEqual(first.demo);
    expect((await again.telegram.world()).users.map((u) => u.id)).toContain(newcomer.id);
    const history = await again.telegram.messages(ana.id, { bot: second.demo.telegram.bot.id });
    expect(history.map((m) => m.text)).toEqual(['/daily']);
    // The update nobody fetched is still there (after the bot's join to the demo group), and the next one follows it.
    const firstId = sent.updates[0]!.update.update_id;
    expect((await pendingUpdates(second)).map((u) => u.update_id).at(-1)).toBe(firstId);
    const next = await again.telegram.sendCommand({ from: ana.id, command: 'top' });
    expect(next.updates[0]!.update.update_id).toBe(firstId + 1);
    expect((await again.telegram.createUser({ firstName: 'Dan' })).id).not.toBe(newcomer.id);

    const bob = (await again.discord.guild(guildId)).members.find((m) => m.user.id === users.bob);
    expect(bob?.roles).toContain(roles.silver);
    const general = await again.discord.messages(channels.general);
    expect(general.map((m) => m.id)).toContain(posted.id);
    const later = await again.discord.sendMessage(channels.general, {
      authorId: users.alice,
      content: 'again',
    });
    expect(BigInt(later.id)).toBeGreaterThan(BigInt(posted.id));
  });

  it('after a crash, hands out no update id that the lost last changes may have used', async () => {
    const file = await worldFile();
    const first = await started(file);
    const ana = first.demo.telegram.users[0]!;
    const { telegram } = clients(first);
    const sent = await telegram.sendCommand({ from: ana.id, command: 'daily' });
    // What a killed process leaves: the last save of a run that never stopped.
    const left = `${file}.left`;
    await expect.poll(async () => (await readFile(file, 'utf8')).includes('/daily')).toBe(true);
    await copyFile(file, left);
    expect((await savedFile(left)).cleanStop).toBe(false);

    const second = await started(left);
    const again = clients(second);
    const next = await again.telegram.sendCommand({ from: ana.id, command: 'top' });
    expect(next.updates[0]!.update.update_id).toBeGreaterThan(sent.updates[0]!.update.update_id + 1000);
    expect((await again.telegram.world()).users.map((u) => u.id)).toContain(ana.id);
  });

  it('keep nothing without a world file', async () => {
    const first = await started();
    await clients(first).telegram.createUser({ firstName: 'Cleo' });
    const second = await started();
    expect((await clients(second).telegram.world()).users.map((u) => u.first_name)).not.toContain('Cleo');
  });
});

describe('tagged JSON', () => {
  it('reads back Maps, Sets, bigints and Buffers as they were', () => {
    const value = {
      map: new Map<number | string, unknown>([
        [1, { set: new Set(['a']) }],
        ['x', 2n ** 70n],
      ]),
      data: Buffer.from('hello'),
      plain: { nested: [1, 'two', null] },
    };
    expect(fromTaggedJson(toTaggedJson(value))).toEqual(value);
  });
});
