import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { createPollLoop, doublingBackoff } from '../../../platform/jobs/poll-loop.ts';
import type { Logger } from '../../../platform/logger.ts';
import { deliveryRepository as repository } from './delivery.repository.ts';
import { DeliveryFailed, deliveryBody, dropZip, postWebhook } from './delivery.transport.ts';
import { backoffMs } from './zustellung.models.ts';

/** Renders a Vorgang as an xdomea message zip (for connectors with the xdomea payload). */
export type XdomeaRenderer = (
  tenantId: string,
  vorgangId: string,
) => Promise<{ zip: Uint8Array; fileName: string }>;

export type DeliveryOptions = {
  batch?: number;
  /** A claimed delivery not finished within this time is claimed again (e.g. after SIGKILL). */
  lockSeconds?: number;
  /** Retry n waits a random time up to base · 2^n (full jitter), at most maxBackoffMs. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  timeoutMs?: number;
  idleMs?: number;
};

/**
 * Delivers the outbox: claims due deliveries across counties (claim_outbox: FOR UPDATE SKIP
 * LOCKED, only the oldest open event per Vorgang), sends each, and records success, a retry with
 * exponential backoff and full jitter, or a dead letter after the connector's maximum attempts.
 * Any number of these may run in any number of processes.
 */
export function createDeliveryWorker({
  database,
  logger,
  options = {},
  renderXdomea,
}: {
  database: DatabaseHandle;
  logger: Logger;
  options?: DeliveryOptions;
  renderXdomea?: XdomeaRenderer;
}) {
  const {
    batch = 16,
    lockSeconds = 30,
    backoffBaseMs = 1000,
    maxBackoffMs = 3_600_000,
    timeoutMs = 10_000,
    idleMs = 250,
  } = options;
  async function deliverOne(tenantId: string, id: string) {
    const row = await database.withTenant(tenantId, (trx) => repository.load(trx, id));
    if (!row || row.status === undefined) return;
    let error: string | null = null;
    try {
      if (row.status !== 'active')
        throw new DeliveryFailed('Die Anbindung ist in diesem Landkreis nicht aktiv.');
      let body: string | Uint8Array;
      if (row.nutzlast === 'xdomea') {
        if (!renderXdomea) throw new DeliveryFailed('xdomea-Ausgabe in diesem Prozess nicht verfügbar.');
        body = (await renderXdomea(tenantId, row.ordering_key)).zip;
      } else body = deliveryBody(row);
      if (row.transport === 'webhook') await postWebhook(row, body, timeoutMs);
      else await dropZip(row, body);
    } catch (e) {
      error = e instanceof DeliveryFailed ? e.message : `Fehler: ${(e as Error).message}`;
    }
    await database.withTenant(tenantId, async (trx) => {
      if (error === null) await repository.markDelivered(trx, id);
      else {
        const dead = row.attempts >= row.max_attempts;
        const waitMs = backoffMs(row.attempts, { backoffBaseMs, maxBackoffMs });
        await repository.markFailed(trx, id, { dead, error, waitMs });
        if (dead) logger.warn({ tenantId, id, connector: row.connector_id, error }, 'delivery dead-lettered');
      }
    });
  }

  async function runOnce() {
    const rows = await repository.claim(database.db, { batch, lockSeconds });
    await Promise.all(
      rows.map((r) =>
        deliverOne(r.tenant_id, r.id).catch((error) =>
          logger.error({ err: error, ...r }, 'delivery crashed'),
        ),
      ),
    );
    return rows.length;
  }

  // While the database is away, attempts slow down to one every 5 s (2·idle, 4·idle, …).
  const loop = createPollLoop({
    poll: runOnce,
    idleMs,
    backoffMs: doublingBackoff({ firstMs: idleMs * 2 }),
    onError: (error) => logger.error({ err: error }, 'delivery loop error'),
  });

  return { runOnce, start: loop.start, stop: loop.stop };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
