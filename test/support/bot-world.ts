import {
  type ControlInteraction,
  DiscordControlClient,
  DiscordEmulator,
  type DiscordEmulatorUrls,
} from '@tandem/emulators/discord';
import { type DemoWorld, seedDemoWorld } from '@tandem/emulators/sandbox';
import { TelegramEmulator, type TelegramTypes as Tg } from '@tandem/emulators/telegram';
import type { PagerWindows } from '../../src/alerts/pager-conditions.ts';
import { seedDemoContent } from '../../src/content/demo-content.ts';
import { createPlatformPorts, type OpenPlatformPorts } from '../../src/platforms/platform-ports.ts';
import { type RunningBots, startBots } from '../../src/runtime/bot-runtime.ts';
import type { PlatformEndpoints } from '../../src/runtime/platform-endpoints.ts';
import { seedSandboxCommunity } from '../../src/sandbox/seed-sandbox-community.ts';
import { upsertAlertScheduler } from '../../src/sync/maintenance/schedulers.ts';
import { openTestTandem, type TestTandem } from './services.ts';

type InlineButton = { text: string; callback_data?: string };
type DiscordComponent = { custom_id?: string; components?: DiscordComponent[] };

function callbackOf(message: Tg.Message, prefix: string): string {
  const markup = message.reply_markup as { inline_keyboard?: InlineButton[][] } | undefined;
  const found = (markup?.inline_keyboard ?? []).flat().find((b) => b.callback_data?.startsWith(prefix));
  if (!found?.callback_data) throw new Error(`no "${prefix}" button under: ${message.text}`);
  return found.callback_data;
}

function customIdOf(components: unknown[], prefix: string): string {
  for (const component of components as DiscordComponent[]) {
    if (component.custom_id?.startsWith(prefix)) return component.custom_id;
    const nested = component.components ? customIdOf(component.components, prefix) : null;
    if (nested) return nested;
  }
  return '';
}

/**
 * The sandbox as `npm start` builds it, on a fresh database and queue prefix: both emulators with
 * the demo world, the real telegraf and discord.js bots started by Tandem's own bot runtime, and
 * the sync workers with the real platform ports. Tests act as players on both platforms.
 */
export interface BotWorld {
  tandem: TestTandem;
  demo: DemoWorld;
  telegram: TelegramEmulator;
  discord: { emulator: DiscordEmulator; urls: DiscordEmulatorUrls; control: DiscordControlClient };
  /** The bots running now (restartBots replaces them). */
  readonly bots: RunningBots;
  /** Stops both bots and starts them again on the same database, as a redeploy does. */
  restartBots(): Promise<void>;
  /** A Telegram user of the demo world: Ana (0) or Ben (1), in English, or Вера (2), in Russian. */
  telegramUser(index: 0 | 1 | 2): TelegramPlayer;
  /** A Discord member of the demo guild: alice, bob and carol use Discord in English, dmitri in Russian. */
  discordMember(name: 'alice' | 'bob' | 'carol' | 'dmitri'): DiscordPlayer;
  /**
   * Waits until every sync event is done and every notification sent: a command sent after it gets
   * its own answer first, not a notice that happened to be on its way.
   */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** A link preview the bot showed, with its two buttons. */
export interface LinkPreviewShown {
  text: string;
  /** Presses "Link accounts" and resolves with what the preview turned into. */
  confirm(): Promise<string>;
  /** Presses "Cancel" and resolves with what the preview turned into. */
  cancel(): Promise<string>;
}

export interface TelegramPlayer {
  id: number;
  /** Sends `/name args` and resolves with the text of the bot's first answer. */
  command(name: string, args?: string): Promise<string>;
  /** Sends `/link <code>` and resolves with the preview it shows (throws when there is none). */
  redeem(code: string): Promise<LinkPreviewShown>;
  /** Every message the bot sent this user, oldest first (notifications included). */
  botTexts(): string[];
  playerId(): Promise<string>;
}

export interface DiscordPlayer {
  id: string;
  /** Runs a slash command in #general and resolves with the reply's text. */
  command(name: string, options?: Record<string, unknown>): Promise<string>;
  /**
   * Runs `/link code:<code>` and resolves with the preview it shows (throws when there is none);
   * `pressAs` presses its confirm button as another member.
   */
  redeem(code: string): Promise<LinkPreviewShown & { pressAs(userId: string): Promise<string> }>;
  /** Posts in #general as this member. */
  say(content: string): Promise<string>;
  roleIds(): Promise<string[]>;
  playerId(): Promise<string>;
}

export async function openBotWorld(
  options: {
    discordLatencyMs?: number;
    /**
     * The pager's windows (its counters' buckets included), and how often it runs; without
     * `everyMs` the test starts it itself (`upsertAlertScheduler`).
     */
    pager?: { everyMs?: number; windows: Partial<PagerWindows> };
  } = {},
): Promise<BotWorld> {
  const telegram = new TelegramEmulator();
  await telegram.start();
  // A short heartbeat: a resume after a dropped connection takes a fraction of a second.
  const discordEmulator = new DiscordEmulator({
    heartbeatIntervalMs: 250,
    latencyMs: options.discordLatencyMs ?? 0,
  });
  const urls = await discordEmulator.start();
  const control = new DiscordControlClient(urls.controlUrl);
  const demo = await seedDemoWorld(telegram.url, urls.controlUrl);
  const platforms: PlatformEndpoints = {
    telegram: { token: demo.telegram.bot.token, apiRoot: telegram.url },
    discord: { token: demo.discord.bot.token, apiRoot: urls.apiUrl, guildId: demo.discord.guildId },
  };
  const ports: OpenPlatformPorts = createPlatformPorts(platforms);
  const tandem = await openTestTandem({ ports, signalBucketMs: options.pager?.windows.signalBucketMs });
  await seedDemoContent(tandem.db.prisma);
  await seedSandboxCommunity(tandem, demo);
  tandem.startWorkers({ alerts: options.pager?.windows });
  if (options.pager?.everyMs) await upsertAlertScheduler(tandem.queues, options.pager.everyMs);
  const startTheBots = () =>
    startBots(tandem, platforms, {
      roleDriftPolicy: 'restore',
      // Tests credit voice minutes explicitly; the ticker stays out of their way.
      voiceTickMs: 3_600_000,
    });
  let bots = await startTheBots();

  const identityOf = async (platform: 'telegram' | 'discord', platformUserId: string) => {
    const { rows } = await tandem.db.pool.query<{ player_id: string }>(
      'SELECT player_id FROM identities WHERE platform = $1 AND platform_user_id = $2',
      [platform, platformUserId],
    );
    if (!rows[0]) throw new Error(`${platform} user ${platformUserId} has no player yet`);
    return rows[0].player_id;
  };

  return {
    tandem,
    demo,
    telegram,
    discord: { emulator: discordEmulator, urls, control },
    get bots() {
      return bots;
    },
    async restartBots() {
      await bots.stop();
      bots = await startTheBots();
    },
    telegramUser(index) {
      const { id } = demo.telegram.users[index]!;
      return {
        id,
        async command(name, args) {
          const { seq } = telegram.control.sendCommand({ from: id, command: name, args });
          const event = await telegram.control.waitFor({
            types: ['bot.message', 'bot.edit'],
            chatId: id,
            since: seq,
          });
          return (event as { message: Tg.Message }).message.text ?? '';
        },
        async redeem(code) {
          const { seq } = telegram.control.sendCommand({ from: id, command: 'link', args: code });
          const event = await telegram.control.waitFor({ types: ['bot.message'], chatId: id, since: seq });
          const preview = (event as { message: Tg.Message }).message;
          const press = async (prefix: string) => {
            const data = callbackOf(preview, prefix);
            const pressed = await telegram.control.pressButton({
              from: id,
              messageId: preview.message_id,
              data,
            });
            const answer = await telegram.control.waitFor({
              types: ['bot.message', 'bot.edit'],
              chatId: id,
              since: pressed.seq,
            });
            return (answer as { message: Tg.Message }).message.text ?? '';
          };
          callbackOf(preview, 'link:yes:');
          return {
            text: preview.text ?? '',
            confirm: () => press('link:yes:'),
            cancel: () => press('link:no:'),
          };
        },
        botTexts: () =>
          telegram.control
            .messages(id)
            .filter((m) => m.sender.kind === 'bot')
            .map((m) => m.text ?? ''),
        playerId: () => identityOf('telegram', String(id)),
      };
    },
    discordMember(name) {
      const id = demo.discord.users[name];
      return {
        id,
        async command(commandName, commandOptions) {
          const created = await control.runCommand({
            channelId: demo.discord.channels.general,
            userId: id,
            name: commandName,
            options: commandOptions,
          });
          const done: ControlInteraction = await control.interaction(created.id, {
            until: 'completed',
            timeoutMs: 10_000,
          });
          const data = done.response?.data as { content?: string } | null;
          return done.original?.content ?? data?.content ?? '';
        },
        async redeem(code) {
          const created = await control.runCommand({
            channelId: demo.discord.channels.general,
            userId: id,
            name: 'link',
            options: { code },
          });
          const done = await control.interaction(created.id, { until: 'completed', timeoutMs: 10_000 });
          const preview = done.original;
          const confirmId = preview ? customIdOf(preview.components, 'link:yes:') : '';
          if (!preview || !confirmId) throw new Error(`no link preview: ${preview?.content}`);
          const press = async (customId: string, userId = id) => {
            const pressed = await control.pressButton({ messageId: preview.id, userId, customId });
            const answered = await control.interaction(pressed.id, { until: 'completed', timeoutMs: 10_000 });
            const data = answered.response?.data as { content?: string } | null;
            return data?.content ?? answered.followups.at(-1)?.content ?? answered.original?.content ?? '';
          };
          return {
            text: preview.content,
            confirm: () => press(confirmId),
            cancel: () => press(customIdOf(preview.components, 'link:no:')),
            pressAs: (userId) => press(confirmId, userId),
          };
        },
        async say(content) {
          const message = await control.sendMessage(demo.discord.channels.general, { authorId: id, content });
          return String(message.id);
        },
        async roleIds() {
          const guild = await control.guild(demo.discord.guildId);
          return guild.members.find((member) => member.user.id === id)?.roles ?? [];
        },
        playerId: () => identityOf('discord', id),
      };
    },
    async settle() {
      await tandem.settle();
      const notifications = tandem.queues.notifications;
      for (;;) {
        const counts = await notifications.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).every((count) => count === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop() {
      await bots.stop();
      await tandem.stop();
      await ports.close();
      await discordEmulator.stop();
      await telegram.stop();
    },
  };
}
