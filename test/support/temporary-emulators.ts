import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulators, startEmulators } from '@tandem/emulators';
import { freePort } from './telegram-bot-under-test.ts';

/**
 * Both emulators and the sandbox page, started in the test's own process as the sandbox starts them:
 * the demo world seeded, and kept in a world file, so every answer waits for its change to be saved
 * as it does for a person trying the sandbox. The file is in a new temporary folder, so each run
 * starts from a freshly seeded demo world, and the emulators listen on free ports on 127.0.0.1.
 * `label` names the folder, so a leftover one tells which test left it. `stop()` stops them and
 * removes the folder.
 */
export async function startTemporaryEmulators(label: string): Promise<RunningEmulators> {
  const folder = await mkdtemp(join(tmpdir(), `tandem-${label}-`));
  const removeFolder = () => rm(folder, { recursive: true, force: true });
  let emulators: RunningEmulators;
  try {
    emulators = await startEmulators({
      telegramPort: 0,
      discordPort: 0,
      sandboxPort: await freePort(),
      host: '127.0.0.1',
      worldFile: join(folder, 'world.json'),
    });
  } catch (error) {
    await removeFolder();
    throw error;
  }
  return {
    ...emulators,
    async stop() {
      await emulators.stop();
      await removeFolder();
    },
  };
}
