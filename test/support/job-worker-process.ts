/**
 * A job worker in its own process whose handler never comes back, for the lease tests: it claims
 * jobs of one kind, says which on stdout, and then either hangs until it is killed (`hang`) or
 * fills its heap until V8 ends the process (`oom`, as a hostile PDF did in issue 9); a job with
 * `harmlos: true` in its payload is finished at once in `oom` mode.
 *   node --import tsx test/support/job-worker-process.ts <appUrl> <kind> <hang|oom> [host]
 */
import { createDatabase } from '../../src/platform/database/database.ts';
import { createJobWorker } from '../../src/platform/jobs/jobs.ts';
import { createLogger } from '../../src/platform/logger.ts';

const [appUrl, kind, mode, host] = process.argv.slice(2);
const database = createDatabase({ connectionString: appUrl!, max: 4 });
const hoard: unknown[] = [];
const worker = createJobWorker({
  database,
  logger: createLogger({ level: 'silent' }),
  handlers: new Map([
    [
      kind!,
      async ({ jobId, payload }) => {
        process.stdout.write(`claimed ${jobId}\n`);
        if (mode === 'oom' && payload.harmlos === true) return;
        if (mode === 'oom')
          for (;;) {
            hoard.push(new Array(1_000_000).fill(hoard.length));
            // Let the heartbeat run meanwhile, as a real extraction would.
            await new Promise((resolve) => setImmediate(resolve));
          }
        await new Promise(() => {});
      },
    ],
  ]),
  idleMs: 50,
  ...(host ? { host } : {}),
});
worker.start();
process.stdout.write('ready\n');
