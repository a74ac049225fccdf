export {
  describeRunning,
  type EmulatorCliOptions,
  parseEmulatorArgs,
  type RunningEmulators,
  startEmulators,
} from './run-emulators.ts';
