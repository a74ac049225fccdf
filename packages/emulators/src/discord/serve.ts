import { parseArgs } from 'node:util';
import { DiscordControlClient } from './control-client.ts';
import { DiscordEmulator } from './index.ts';
import { buildScenario } from './scenario.ts';

/**
 * Runs the Discord emulator in the foreground:
 *   npx tsx packages/emulators/src/discord/serve.ts --port 3002 [--host 127.0.0.1] [--demo]
 * `--demo` builds the demo guild (scenario.ts) and prints the bot token to log in with.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3002' },
      host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  const emulator = new DiscordEmulator({ port, host: values.host });
  const urls = await emulator.start();
  console.log(`Discord emulator: ${urls.url}`);
  console.log(`  REST     ${urls.apiUrl}/v10   (discord.js: rest: { api: '${urls.apiUrl}' })`);
  console.log(`  gateway  ${urls.gatewayUrl}`);
  console.log(`  control  ${urls.controlUrl}   (events: ${urls.controlUrl}/events)`);
  if (values.demo) {
    const world = await buildScenario(new DiscordControlClient(urls.controlUrl));
    console.log('Demo guild:', JSON.stringify(world, null, 2));
  }
  const stop = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
