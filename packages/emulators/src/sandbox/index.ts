export { type DemoTelegramUser, type DemoWorld, seedDemoWorld } from './demo-world.ts';
export {
  SANDBOX_ASSETS,
  type SandboxConfig,
  SandboxServer,
  type SandboxServerOptions,
} from './sandbox-server.ts';
