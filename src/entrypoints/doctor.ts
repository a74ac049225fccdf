// `npm run doctor`: checks the deployment `npm start` would run with the same settings, one line per
// check with the fix; exits 1 when something blocks Tandem.
import { loadConfig } from '../config.ts';
import { formatResults } from '../doctor/format-results.ts';
import { exitStatusOf, runDoctor } from '../doctor/run-doctor.ts';

const results = await runDoctor(loadConfig());
process.stdout.write(formatResults(results));
process.exitCode = exitStatusOf(results);
