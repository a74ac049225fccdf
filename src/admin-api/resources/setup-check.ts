import express, { type Router } from 'express';
import { loadConfig } from '../../config.ts';
import type { CheckResult } from '../../doctor/check-result.ts';
import { doctorSettingsOfServingProcess } from '../../doctor/doctor-settings.ts';
import { type DoctorSettings, exitStatusOf, runDoctor } from '../../doctor/run-doctor.ts';
import type { AdminApiDeps } from '../deps.ts';

/** What `GET /api/setup-check` answers: the doctor's report, as `npm run doctor` prints it. */
export interface SetupCheckReport {
  checkedAt: string;
  /** True when nothing blocks Tandem (`npm run doctor` exits 0); warnings may remain. */
  ok: boolean;
  results: CheckResult[];
}

/**
 * `GET /api/setup-check`: the setup doctor run by the process that serves the panel, on what it
 * really uses: its Redis, its database (configured, or the embedded one `npm start` runs), the
 * platforms its settings name, or, with no bot token, the sandbox's emulators. Every admin role may
 * read it (a read, like every GET); the checks write nothing.
 *
 * @param settingsOf The doctor's settings of this process. @defaultValue read from the settings
 * this process started with (loadConfig), with the Redis the API is connected to
 */
export function createSetupCheckRouter(
  deps: AdminApiDeps,
  settingsOf: () => Promise<DoctorSettings> = () =>
    doctorSettingsOfServingProcess(loadConfig(), deps.redisUrl),
): Router {
  const router = express.Router();
  router.get('/', async (_req, res) => {
    const results = await runDoctor(await settingsOf());
    const report: SetupCheckReport = {
      checkedAt: new Date().toISOString(),
      ok: exitStatusOf(results) === 0,
      results,
    };
    // A report of the moment: a browser or proxy must not answer "Check again" from a cache.
    res.set('cache-control', 'no-store').json(report);
  });
  return router;
}
