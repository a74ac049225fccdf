export { type EmulatorCliOptions, parseEmulatorArgs } from './emulator-args.ts';
export { PortInUseError, type RunningEmulators, startEmulators } from './start-emulators.ts';
