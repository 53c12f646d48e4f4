/**
 * The e-mail intake of the worker in a process of its own, for the kill tests: the product's
 * services built from the environment (DATABASE_URL, DATABASE_APP_URL, VERBUND_DATA_DIR,
 * VERBUND_MAIL_EINGANG_PORT, …) and their mail runner started – the SMTP listener and the loop that
 * files the spool, exactly as `verbund start` runs them. Says `ready <port>` on stdout.
 *   node --import tsx test/support/mail-intake-process.ts
 */
import { buildServices } from '../../src/main/services.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/logger.ts';

const config = loadConfig(process.env);
const services = buildServices({
  config,
  appUrl: process.env.DATABASE_APP_URL!,
  logger: createLogger({ level: 'silent' }),
  poolSize: 4,
});
const runner = services.createMailIntakeRunner();
const port = await runner.start();
process.stdout.write(`ready ${port}\n`);
const stop = async () => {
  await runner.stop();
  await services.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
