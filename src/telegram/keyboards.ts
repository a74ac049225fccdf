import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { ButtonTarget } from '../content/scenario-buttons.ts';

/**
 * What a pressed inline button asks for, packed into its callback_data (at most 64 bytes: ids are
 * numbers and command names at most 32 characters, so every value fits).
 */
export const callbackData = {
  scenario: (scenarioId: number) => `scenario:${scenarioId}`,
  command: (name: string) => `command:${name}`,
  taskProof: (taskId: number) => `task:${taskId}`,
  buyItem: (itemId: number) => `buy:${itemId}`,
  /** The buttons under a link preview; the id names the stored confirmation (45 bytes). */
  linkConfirm: (confirmationId: string) => `link:yes:${confirmationId}`,
  linkCancel: (confirmationId: string) => `link:no:${confirmationId}`,
};

/** The patterns telegraf's `action()` matches; group 1 is the id or name packed above. */
export const callbackPatterns = {
  scenario: /^scenario:(\d+)$/,
  command: /^command:([a-z0-9_]{1,32})$/,
  taskProof: /^task:(\d+)$/,
  buyItem: /^buy:(\d{1,9})$/,
  /** Group 1 is `yes` or `no`, group 2 the confirmation id. */
  link: /^link:(yes|no):([0-9a-f-]{36})$/,
};

/** Admins store commands with their slash (`/daily`); Telegram's command names have none. */
export function commandNameOf(command: string): string {
  return command.replace(/^\//, '');
}

function buttonOf(label: string, target: ButtonTarget): InlineKeyboardButton {
  switch (target.kind) {
    case 'scenario':
      return Markup.button.callback(label, callbackData.scenario(target.scenarioId));
    case 'url':
      return Markup.button.url(label, target.url);
    case 'command':
      return Markup.button.callback(label, callbackData.command(commandNameOf(target.command)));
  }
}

/** One button a row: labels are short sentences ("How it works"), which two a row would cut off. */
export function linkButtons(buttons: ReadonlyArray<{ label: string; target: ButtonTarget }>) {
  return Markup.inlineKeyboard(buttons.map((b) => [buttonOf(b.label, b.target)]));
}
