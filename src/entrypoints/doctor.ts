// `npm run doctor`: checks the deployment `npm start` would run with the same settings, one line per
// check with the fix; exits 1 when something blocks Tandem. With no DATABASE_URL or REDIS_URL it
// checks the embedded servers under DATA_DIR: those `npm start` runs, or, when it is not running,
// ones it starts for the check and stops after.
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { type CheckResult, failed, reasonOf } from '../doctor/check-result.ts';
import { doctorSettingsFor } from '../doctor/doctor-settings.ts';
import { formatResults } from '../doctor/format-results.ts';
import { exitStatusOf, runDoctor } from '../doctor/run-doctor.ts';
import { createLogger } from '../logging/logger.ts';
import {
  type CommandInfrastructure,
  provideCommandInfrastructure,
} from '../runtime/command-infrastructure.ts';

const config = loadConfig();
// The report is the output: the servers' own news only when something goes wrong, and on stderr.
const logger = createLogger('warn', 'tandem-doctor', config.LOG_FORMAT, pino.destination(2));
async function check(): Promise<CheckResult[]> {
  let infrastructure: CommandInfrastructure;
  try {
    infrastructure = await provideCommandInfrastructure(config, logger);
  } catch (error) {
    return [
      failed(
        'Embedded servers',
        `could not start the embedded PostgreSQL or Redis under ${config.DATA_DIR}: ${reasonOf(error)}`,
        'Fix what the message names, or set DATABASE_URL and REDIS_URL to servers of your own.',
      ),
    ];
  }
  try {
    return await runDoctor(
      await doctorSettingsFor(config, {
        databaseUrl: infrastructure.databaseUrl,
        redisUrl: infrastructure.redisUrl,
        sources: infrastructure.sources,
      }),
    );
  } finally {
    await infrastructure.stop();
  }
}

const results = await check();
process.stdout.write(formatResults(results));
process.exitCode = exitStatusOf(results);
