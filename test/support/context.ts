import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../src/main/http/app.ts';
import { buildServices } from '../../src/main/services.ts';
import { type Config, loadConfig } from '../../src/platform/config.ts';
import type { Role } from '../../src/platform/http/principal.ts';
import { createLogger } from '../../src/platform/logger.ts';

export const DEMO_TENANTS = [
  'nordhausen',
  'kyffhaeuserkreis',
  'unstrut-hainich-kreis',
  'wartburgkreis',
] as const;

/**
 * One web process of the product: its own service graph (own connection pool) and HTTP app. Tests
 * use it for a second process on the same database, one with other settings, or one whose database
 * is unreachable. Tests reach the composition root only through test/support.
 */
export function createWebProcess({
  config,
  appUrl,
  poolSize = 2,
}: {
  config: Config;
  appUrl: string;
  poolSize?: number;
}) {
  const services = buildServices({ config, appUrl, logger: createLogger({ level: 'silent' }), poolSize });
  return { services, app: createApp(services), close: () => services.close() };
}

/**
 * A fresh database (copy of the migrated, demo-seeded template) with the full service graph and
 * the HTTP app on top. One per test file: `const t = await createTestContext()` in beforeAll.
 */
export async function createTestContext(env: Record<string, string> = {}) {
  const info = inject('pg');
  const database = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = (user: string, password: string, db: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${info.port}/${db}`;
  const admin = new pg.Client({ connectionString: url('postgres', info.superPassword, 'postgres') });
  await admin.connect();
  await admin.query(`create database ${database} template ${info.template}`);
  await admin.end();

  const dataDir = path.join(info.dataDir, database);
  await mkdir(dataDir, { recursive: true });
  const config = loadConfig({
    VERBUND_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DATABASE_URL: url('postgres', info.superPassword, database),
    DATABASE_APP_URL: url('verbund_app', info.appPassword, database),
    ...env,
  });
  const { services, app } = createWebProcess({
    config,
    appUrl: url('verbund_app', info.appPassword, database),
    poolSize: 5,
  });
  const superuser = new pg.Pool({ connectionString: url('postgres', info.superPassword, database), max: 2 });

  async function tokenFor(
    tenantId: string,
    roles: Role[] = ['kreis-admin', 'sachbearbeitung', 'leitung'],
    userLogin?: string,
  ) {
    const { token } = await services.identity.createApiToken({ tenantId, roles, userLogin, actor: 'test' });
    return token;
  }

  /** In-process HTTP request against the app (the same code path as a real server). */
  async function request(
    pathAndQuery: string,
    init: {
      method?: string;
      token?: string;
      json?: unknown;
      body?: BodyInit;
      headers?: Record<string, string>;
    } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await app.request(pathAndQuery, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
    return { status: response.status, headers: response.headers, text, json: json as any };
  }

  return {
    database,
    config,
    services,
    app,
    superuser,
    appUrl: url('verbund_app', info.appPassword, database),
    ownerUrl: url('postgres', info.superPassword, database),
    tokenFor,
    request,
    async close() {
      await services.close();
      await superuser.end();
    },
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
export type WebProcess = ReturnType<typeof createWebProcess>;
