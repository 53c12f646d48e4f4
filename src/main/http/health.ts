import type { Hono } from 'hono';
import type { AppEnv } from '../../platform/http/context.ts';
import { DB_RETRY_AFTER_SECONDS } from '../../platform/http/problem.ts';
import type { Services } from '../services.ts';

/** Health never waits longer than this for the database: a load balancer must get an answer. */
const HEALTH_TIMEOUT_MS = 2_000;

/**
 * `GET /health`: 200 with the database latency, or 503 `degraded` when the database cannot be
 * reached within two seconds (down, restarting, pool exhausted). It answers within that bound
 * even when a connection attempt would hang. `searchIndex` tells whether a reindex of the search
 * runs after an analyzer change (counties and documents left, summed over the Verbund).
 */
export function registerHealthRoute(app: Hono<AppEnv>, services: Services) {
  const { logger } = services;
  const kind = services.config.database.kind;

  app.get('/health', async (c) => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const probe = services.database.db
        .selectFrom('tenants')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      // A probe that loses the race still ends on its own (connect timeout of the pool).
      probe.catch(() => {});
      // Informational: its failure never makes the instance unhealthy.
      const searchIndex = services.searchReindex.overview().catch(() => undefined);
      // Posteingang (issue 14): whether clamd and Tesseract are there; informational as well.
      const posteingang = posteingangHealth(services);
      await Promise.race([
        Promise.all([probe, searchIndex, posteingang]),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)),
            HEALTH_TIMEOUT_MS,
          );
        }),
      ]);
      return c.json({
        status: 'ok',
        database: { status: 'ok', kind, latencyMs: Math.round(performance.now() - started) },
        searchIndex: await searchIndex,
        ...(await posteingang),
        version: '0.1.0',
      });
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'health check: database unavailable');
      c.header('retry-after', String(DB_RETRY_AFTER_SECONDS));
      return c.json(
        {
          status: 'degraded',
          database: { status: 'unavailable', kind, message: 'Datenbank nicht erreichbar' },
          version: '0.1.0',
        },
        503,
      );
    } finally {
      clearTimeout(timer);
    }
  });
}

/**
 * Virus scan and OCR as /health reports them (`virenscan`, `ocr`); never fails the check and never
 * holds it up: what is not known within a second (first look for Tesseract under load) says so.
 */
async function posteingangHealth(services: Services) {
  const late = { status: 'unknown' as const, message: 'Keine Antwort innerhalb einer Sekunde' };
  const bounded = <T>(work: Promise<T>) =>
    Promise.race([
      work.catch(() => late),
      new Promise<typeof late>((resolve) => setTimeout(resolve, 1_000, late).unref()),
    ]);
  const [virenscan, ocr] = await Promise.all([
    bounded(services.virenscan.health()),
    bounded(services.ocr.health()),
  ]);
  return { virenscan, ocr };
}
