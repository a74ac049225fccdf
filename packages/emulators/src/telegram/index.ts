export { ControlRequestError, TelegramControlClient } from './control/control-client.ts';
export type { TelegramControl } from './control/telegram-control.ts';
export { BotApiError, ControlError } from './errors.ts';
export type { EmulatorEvent, EmulatorEventType, EventFilter } from './events.ts';
export {
  type BotSeed,
  type ChatLimits,
  DEFAULT_BOT_TOKEN,
  defaultChatLimits,
  type TelegramEmulatorOptions,
} from './options.ts';
export { TelegramEmulator, type TelegramEmulatorState } from './telegram-emulator.ts';
export { launchPollingBot } from './testing.ts';
export type * as TelegramTypes from './types.ts';
