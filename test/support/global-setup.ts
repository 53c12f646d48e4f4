import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedServices } from '../../src/demo/ozg.seed.ts';
import { assignDemoTemplateOwner } from '../../src/demo/records.seed.ts';
import { seedDemoVerbund } from '../../src/demo/verbund.seed.ts';
import { buildServices } from '../../src/main/services.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.ts';
import { enableAppLogin, runMigrations } from '../../src/platform/database/migrations.ts';
import { createLogger } from '../../src/platform/logger.ts';

export const TEMPLATE_DB = 'verbund_template';

/**
 * One real PostgreSQL cluster for the whole run. The template database is migrated and seeded
 * with the demo Verbund once; every test file then gets its own copy (CREATE DATABASE … TEMPLATE),
 * which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbund-test-'));
  // As root, PostgreSQL runs as the user postgres, which must reach the cluster directory.
  await chmod(dir, 0o755);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port, database: TEMPLATE_DB });
  await runMigrations({ connectionString: server.ownerUrl });
  await enableAppLogin({ connectionString: server.ownerUrl, password: server.appPassword });
  const config = loadConfig({ VERBUND_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const services = buildServices({
    config,
    appUrl: server.appUrl(TEMPLATE_DB),
    logger: createLogger({ level: 'silent' }),
  });
  await seedDemoVerbund({ database: services.database, verbund: services.verbund });
  await assignDemoTemplateOwner(services.database);
  await seedServices({ database: services.database, xsdDir: config.fim.xsdDir });
  await services.close();

  project.provide('pg', {
    port,
    superPassword: decodeURIComponent(new URL(server.ownerUrl).password),
    appPassword: server.appPassword,
    template: TEMPLATE_DB,
    dataDir: dir,
  });
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { port: number; superPassword: string; appPassword: string; template: string; dataDir: string };
  }
}
