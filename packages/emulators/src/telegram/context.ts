import type { ActivityLog } from './activity-log.ts';
import type { FloodControl } from './bot-api/flood-control.ts';
import type { FaultInjector } from './faults.ts';
import type { FileStore } from './media/file-store.ts';
import type { ResolvedOptions } from './options.ts';
import type { BotChannels } from './updates/bot-channels.ts';
import type { World } from './world/world.ts';

/** The emulator's state and services, shared by the Bot API methods and the control API. */
export interface EmulatorContext {
  options: ResolvedOptions;
  world: World;
  files: FileStore;
  log: ActivityLog;
  faults: FaultInjector;
  flood: FloodControl;
  channels: BotChannels;
}
