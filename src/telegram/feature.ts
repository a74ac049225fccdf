import { Composer, type MiddlewareFn } from 'telegraf';
import { type BotCommand as BotCommandEntry, botCommands } from '../replies/help.ts';
import type { Translate } from '../texts/texts.ts';
import type { TandemContext } from './tandem-context.ts';

/**
 * A slash command of the bot; the same `run` serves the typed command and a menu button naming it.
 * What Telegram's command menu shows comes from src/replies/help.ts, the list /help prints.
 */
export interface BotCommand {
  /** Without the slash: 1-32 lowercase letters, digits or `_` (Telegram's rule for setMyCommands). */
  name: string;
  /** `args` is the text after the command (telegraf's `ctx.payload`), '' from a menu button. */
  run(ctx: TandemContext, args: string): Promise<unknown>;
}

/** One feature of the bot: its commands and, when it needs them, handlers of other updates. */
export interface Feature {
  commands: BotCommand[];
  /** Button presses and plain messages; runs after every feature's commands. */
  composer?: Composer<TandemContext>;
}

const commandName = /^[a-z0-9_]{1,32}$/;

/** Checks the names once, at start: a typo should fail the boot, not make a command silently unreachable. */
export function validateCommands(features: Feature[]): Map<string, BotCommand> {
  const byName = new Map<string, BotCommand>();
  for (const command of features.flatMap((f) => f.commands)) {
    if (!commandName.test(command.name)) throw new Error(`Invalid bot command name "${command.name}"`);
    if (byName.has(command.name)) throw new Error(`Bot command /${command.name} is defined twice`);
    byName.set(command.name, command);
  }
  return byName;
}

/** The command menu for setMyCommands in one language, written by that language's `t`. */
export type CommandMenu = (t: Translate) => BotCommandEntry[];

/**
 * The command menu for setMyCommands: the list /help prints, so the two never disagree. A listed
 * command without a handler fails the start instead of answering "unknown command" to a tap.
 */
export function commandMenu(handled: ReadonlyMap<string, BotCommand>): CommandMenu {
  const listed = botCommands('telegram', (key) => key);
  const missing = listed.filter((entry) => !handled.has(entry.command)).map((entry) => `/${entry.command}`);
  if (missing.length > 0) throw new Error(`The Telegram bot lists commands it does not handle: ${missing}`);
  return (t) => botCommands('telegram', t);
}

/** The commands of all features as one composer, then each feature's own handlers. */
export function composeFeatures(features: Feature[]): MiddlewareFn<TandemContext> {
  const commands = new Composer<TandemContext>();
  for (const command of validateCommands(features).values()) {
    commands.command(command.name, (ctx) => command.run(ctx, ctx.payload.trim()));
  }
  return Composer.compose([commands, ...features.flatMap((f) => (f.composer ? [f.composer] : []))]);
}
