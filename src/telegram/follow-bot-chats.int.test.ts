import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForChanges } from '../../test/support/announced-changes.ts';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { apiErrorHandler, apiNotFound } from '../admin-api/error-handler.ts';
import { createResourcesRouter } from '../admin-api/resources/index.ts';
import type { ChangeSubscription, EntityChange } from '../live/changes.ts';

let t: TelegramBotUnderTest;
let server: Server;
let api: string;
let subscription: ChangeSubscription;
let announced: EntityChange[];

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
  ({ announced, subscription } = await listenForChanges(t.tandem));
  // The resources router as /api mounts it; reads need no more than a session, stubbed here.
  const app = express();
  app.use((req, _res, next) => {
    req.admin = { id: 'reader', username: 'reader', role: 'operator', mustChangePassword: false };
    next();
  });
  app.use('/api', createResourcesRouter(t.tandem), apiNotFound());
  app.use(apiErrorHandler(t.tandem.logger));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await subscription?.close();
  await t?.close();
});

async function get<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${api}${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

async function row(chatId: number) {
  return t.tandem.db.prisma.telegramChat.findUnique({ where: { chatId: BigInt(chatId) } });
}

async function until(
  chatId: number,
  holds: (found: Awaited<ReturnType<typeof row>>) => boolean,
  what: string,
) {
  await waitFor(async () => holds(await row(chatId)), what);
}

const bot = () => t.emulator.defaultBot;

describe("the Telegram groups Tandem's bot is in", () => {
  it('follows the bot being added, promoted, renamed and removed, and lists it in the API', async () => {
    const owner = t.newUser('Olga');
    const control = t.emulator.control;
    const group = control.createGroup({ title: 'Guild', admins: [owner.id], bots: [] });

    control.addMember(group.id, { userId: bot().id, by: owner.id });
    await until(group.id, (found) => found?.status === 'member', 'the bot listed as a member');
    expect(await row(group.id)).toMatchObject({ type: 'supergroup', title: 'Guild', rights: null });

    control.promoteMember(group.id, bot().id, {
      rights: { can_delete_messages: true, can_pin_messages: true, can_invite_users: true },
    });
    await until(group.id, (found) => found?.status === 'administrator', 'the bot listed as an admin');
    expect((await row(group.id))?.rights).toEqual({
      isAnonymous: false,
      canManageChat: true,
      canDeleteMessages: true,
      canManageVideoChats: false,
      canRestrictMembers: false,
      canPromoteMembers: false,
      canChangeInfo: false,
      canInviteUsers: true,
      canPostStories: false,
      canEditStories: false,
      canDeleteStories: false,
      canPinMessages: true,
      canManageTopics: false,
    });

    control.renameGroup(group.id, { title: 'Guild of Heroes' });
    await until(group.id, (found) => found?.title === 'Guild of Heroes', 'the new title');

    const list = await get<Array<Record<string, unknown>>>(
      '/telegram-chats?sort=["title","ASC"]&range=[0,9]',
    );
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: String(group.id),
        title: 'Guild of Heroes',
        type: 'supergroup',
        status: 'administrator',
        rights: expect.objectContaining({ canDeleteMessages: true, canRestrictMembers: false }),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(await get(`/telegram-chats/${group.id}`)).toMatchObject({
      status: 200,
      body: { id: String(group.id), status: 'administrator' },
    });

    control.removeMember(group.id, bot().id, { by: owner.id });
    await until(group.id, (found) => found?.status === 'left', 'the bot listed as gone');
    expect(await row(group.id)).toMatchObject({ title: 'Guild of Heroes', rights: null });
    expect(announced).toContainEqual({ entity: 'telegram_chats', action: 'updated', id: String(group.id) });
  });

  it('creates no player for whoever adds the bot, joins, leaves or renames: only for those who use it', async () => {
    const owner = t.newUser('Olga');
    const guest = t.newUser('Gus');
    const control = t.emulator.control;
    const group = control.createGroup({ title: 'Den', admins: [owner.id], bots: [] });
    const identities = () =>
      t.tandem.db.prisma.identity.count({
        where: { platform: 'telegram', platformUserId: { in: [String(owner.id), String(guest.id)] } },
      });

    control.addMember(group.id, { userId: bot().id, status: 'administrator', by: owner.id });
    await until(group.id, (found) => found?.status === 'administrator', 'the bot listed as an admin');
    control.addMember(group.id, { userId: guest.id, by: owner.id });
    control.renameGroup(group.id, { title: 'Great Den' });
    await until(group.id, (found) => found?.title === 'Great Den', 'the new title');
    control.removeMember(group.id, guest.id, {});
    await t.idle();
    expect(await identities()).toBe(0);
    expect(await t.tandem.db.prisma.player.count({ where: { displayName: { in: ['Olga', 'Gus'] } } })).toBe(
      0,
    );

    // Writing in the group is playing: the player appears with the first message.
    control.sendMessage({ from: owner.id, chatId: group.id, text: 'welcome to the den, everyone' });
    await waitFor(async () => (await identities()) === 1, 'the owner becoming a player by writing');
    expect(await owner.playerId()).toEqual(expect.any(String));
    await expect(guest.playerId()).rejects.toThrow('has no player yet');
  });

  it('lets no update older than the stored one overwrite it', async () => {
    const owner = t.newUser('Olga');
    const control = t.emulator.control;
    const group = control.createGroup({ title: 'Hall', admins: [owner.id], bots: [] });
    control.addMember(group.id, { userId: bot().id, status: 'administrator', by: owner.id });
    await until(group.id, (found) => found?.status === 'administrator', 'the bot listed as an admin');
    const stored = await row(group.id);

    // Sent before the stored one (a day earlier), handled late: a redelivery after an outage.
    const dayEarlier = Math.floor(stored!.changedAt.getTime() / 1000) - 86_400;
    const chat = { id: group.id, type: 'supergroup' as const, title: 'Old Hall' };
    const botUser = { id: bot().id, is_bot: true, first_name: 'Bot', username: bot().username };
    await t.running.bot.handleUpdate({
      update_id: 900_001,
      my_chat_member: {
        chat,
        from: { id: owner.id, is_bot: false, first_name: 'Olga' },
        date: dayEarlier,
        old_chat_member: { status: 'left', user: botUser },
        new_chat_member: { status: 'member', user: botUser },
      },
    } as Update);
    await t.running.bot.handleUpdate({
      update_id: 900_002,
      message: {
        message_id: 1,
        chat,
        from: { id: owner.id, is_bot: false, first_name: 'Olga' },
        date: dayEarlier,
        new_chat_title: 'Old Hall',
      },
    } as Update);
    expect(await row(group.id)).toMatchObject({ status: 'administrator', title: 'Hall' });
    expect((await row(group.id))?.updatedAt).toEqual(stored?.updatedAt);

    // The same path with a later date does apply: only the age held the others back.
    await t.running.bot.handleUpdate({
      update_id: 900_003,
      message: {
        message_id: 2,
        chat,
        from: { id: owner.id, is_bot: false, first_name: 'Olga' },
        date: dayEarlier + 2 * 86_400,
        new_chat_title: 'Great Hall',
      },
    } as Update);
    expect(await row(group.id)).toMatchObject({ status: 'administrator', title: 'Great Hall' });
  });

  it('lists channels with their rights, and follows a group upgraded to a supergroup', async () => {
    const owner = t.newUser('Olga');
    const control = t.emulator.control;
    const channel = control.createGroup({ title: 'News', type: 'channel', admins: [owner.id], bots: [] });
    control.addMember(channel.id, {
      userId: bot().id,
      status: 'administrator',
      rights: { can_post_messages: true, can_edit_messages: true },
    });
    await until(channel.id, (found) => found !== null, 'the channel listed');
    expect(await row(channel.id)).toMatchObject({
      type: 'channel',
      status: 'administrator',
      rights: expect.objectContaining({
        canPostMessages: true,
        canEditMessages: true,
        canDeleteMessages: false,
      }),
    });

    const group = control.createGroup({ title: 'Small', type: 'group', admins: [owner.id], bots: [] });
    control.addMember(group.id, { userId: bot().id, by: owner.id });
    await until(group.id, (found) => found?.type === 'group', 'the basic group listed');
    const { supergroup } = control.migrateGroup(group.id);
    await until(supergroup.id, (found) => found !== null, 'the group under its supergroup id');
    expect(await row(supergroup.id)).toMatchObject({ type: 'supergroup', title: 'Small', status: 'member' });
    await t.idle();
    expect(await row(group.id)).toBeNull();

    const filtered = await get<Array<{ id: string }>>('/telegram-chats?filter={"type":"channel"}');
    expect(filtered.body.map((chat) => chat.id)).toEqual([String(channel.id)]);
    expect(await get('/telegram-chats/not-a-chat')).toMatchObject({ status: 404 });
    expect(await get('/telegram-chats/-99999999999999999999')).toMatchObject({ status: 404 });
    expect(await get('/telegram-chats/-9999999999999999999')).toMatchObject({ status: 404 });
    expect(await get('/telegram-chats?filter={"id":"9999999999999999999"}')).toMatchObject({ status: 400 });
    expect(await get('/telegram-chats?filter={"colour":"red"}')).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('cannot filter by colour') },
    });
  });
});
