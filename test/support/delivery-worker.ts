/**
 * A delivery worker in its own process, for the fault tests: several of them run side by side
 * against one test database, and one may be killed with SIGKILL mid-delivery.
 *   node --import tsx test/support/delivery-worker.ts <appUrl> <lockSeconds> <backoffBaseMs>
 */

import { createDeliveryWorker } from '../../src/modules/integrations/integrations.module.ts';
import { createDatabase } from '../../src/platform/database/database.ts';
import { createLogger } from '../../src/platform/logger.ts';

const [appUrl, lockSeconds, backoffBaseMs] = process.argv.slice(2);
const database = createDatabase({ connectionString: appUrl!, max: 6 });
const worker = createDeliveryWorker({
  database,
  logger: createLogger({ level: 'silent' }),
  options: {
    lockSeconds: Number(lockSeconds),
    backoffBaseMs: Number(backoffBaseMs),
    maxBackoffMs: 500,
    idleMs: 50,
    timeoutMs: 5000,
  },
});
worker.start();
process.stdout.write('ready\n');
const stop = async () => {
  await worker.stop();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
