import { createHmac } from 'node:crypto';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { Logger } from '../../platform/logger.ts';
import { applyMapping } from '../../platform/outbox/outbox.ts';

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

type Claimed = {
  tenant_id: string;
  id: string;
  connector_id: string;
  ordering_key: string;
  idempotency_key: string;
  ereignis: string;
  payload: { event: Record<string, unknown>; fitConnect: Record<string, unknown> | null };
  attempts: number;
  max_attempts: number;
  created_at: Date;
  nutzlast: string;
  mapping: unknown;
  transport: string;
  ziel: string | null;
  secret: string | null;
  status: string;
};

/** The body a connector sends: its mapping applied to the event, or the FIT-Connect submission. */
export function deliveryBody(row: Pick<Claimed, 'nutzlast' | 'mapping' | 'payload'>) {
  if (row.nutzlast === 'fit-connect' && row.payload.fitConnect)
    return JSON.stringify({ ereignis: row.payload.event.ereignis, ...row.payload.fitConnect });
  return JSON.stringify(applyMapping(row.mapping, row.payload.event));
}

/** HMAC-SHA256 over "<timestamp>." and the body bytes with the county's secret, as the receiver recomputes it. */
export const signature = (secret: string, timestamp: string, body: string | Uint8Array) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;

class DeliveryFailed extends Error {}

async function postWebhook(row: Claimed, body: string | Uint8Array, timeoutMs: number) {
  if (!row.ziel) throw new DeliveryFailed('Kein Endpunkt gesetzt.');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(row.ziel, {
    method: 'POST',
    headers: {
      'content-type': typeof body === 'string' ? 'application/json; charset=utf-8' : 'application/zip',
      'idempotency-key': row.idempotency_key,
      'x-verbund-ereignis': row.ereignis,
      'x-verbund-zustellung': `${row.tenant_id}/${row.id}`,
      'x-verbund-zeitstempel': timestamp,
      'x-verbund-signatur': signature(row.secret ?? '', timestamp, body),
    },
    body: typeof body === 'string' ? body : new Blob([body as BlobPart]),
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: Error) => {
    throw new DeliveryFailed(
      `Keine Verbindung: ${error.name === 'TimeoutError' ? 'Zeitüberschreitung' : error.message}`,
    );
  });
  const text = await readHead(response);
  if (response.status < 200 || response.status >= 300)
    throw new DeliveryFailed(`HTTP ${response.status}: ${text.slice(0, 300)}`);
}

const RESPONSE_HEAD_BYTES = 4096;

/**
 * The first bytes of a receiver's answer, for the error message; the rest is cancelled unread. A
 * receiver is configured by a county, but its answer is still foreign input: an endless or huge body
 * must not fill this process's memory during the delivery timeout.
 */
async function readHead(response: Response) {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_HEAD_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // A broken answer body changes nothing: the status decides.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_HEAD_BYTES).toString('utf8');
}

/** Drops the message as a zip into the target directory atomically (temp file, fsync, rename). */
async function dropZip(row: Claimed, body: string | Uint8Array) {
  if (!row.ziel || !path.isAbsolute(row.ziel))
    throw new DeliveryFailed('Kein gültiges Zielverzeichnis gesetzt.');
  await mkdir(row.ziel, { recursive: true });
  const stamp = row.created_at.toISOString().replace(/[-:.]/g, '').slice(0, 15);
  const name = `${stamp}-${row.id.padStart(10, '0')}-${row.idempotency_key}.zip`;
  const target = path.join(row.ziel, name);
  if (await stat(target).catch(() => null)) return; // delivered before (at-least-once, same key)
  const zip =
    typeof body !== 'string'
      ? body
      : zipSync({
          'ereignis.json': strToU8(body),
          'zustellung.json': strToU8(
            JSON.stringify({
              idempotencyKey: row.idempotency_key,
              ereignis: row.ereignis,
              connector: row.connector_id,
              landkreis: row.tenant_id,
            }),
          ),
        });
  const temp = path.join(row.ziel, `.${name}.part`);
  const handle = await open(temp, 'w', 0o640);
  try {
    await handle.writeFile(zip);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
  const dir = await open(row.ziel, 'r');
  await dir.sync().finally(() => dir.close());
}

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
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function deliverOne(tenantId: string, id: string) {
    const row = await database.withTenant(tenantId, async (trx) => {
      const { rows } = await sql<Claimed>`
        select o.*, d.nutzlast, d.mapping, d.transport, a.ziel, a.secret, a.status
        from outbox o join connector_definitionen d on d.id = o.connector_id
        left join connector_aktivierungen a on a.connector_id = o.connector_id
        where o.id = ${id}`.execute(trx);
      return rows[0];
    });
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
      if (error === null)
        await sql`update outbox set status = 'delivered', delivered_at = now(), locked_until = null, last_error = null
          where id = ${id}`.execute(trx);
      else {
        const dead = row.attempts >= row.max_attempts;
        const wait = Math.round(Math.random() * Math.min(maxBackoffMs, backoffBaseMs * 2 ** row.attempts));
        await sql`update outbox set status = ${dead ? 'dead' : 'pending'}, last_error = ${error.slice(0, 2000)},
            locked_until = null, next_attempt_at = now() + make_interval(secs => ${wait / 1000})
          where id = ${id}`.execute(trx);
        if (dead) logger.warn({ tenantId, id, connector: row.connector_id, error }, 'delivery dead-lettered');
      }
    });
  }

  async function runOnce() {
    const { rows } = await sql<{ tenant_id: string; id: string }>`
      select tenant_id, id::text from claim_outbox(${batch}, ${lockSeconds})`.execute(database.db);
    await Promise.all(
      rows.map((r) =>
        deliverOne(r.tenant_id, r.id).catch((error) =>
          logger.error({ err: error, ...r }, 'delivery crashed'),
        ),
      ),
    );
    return rows.length;
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        let failures = 0;
        while (running) {
          let claimed = 0;
          try {
            claimed = await runOnce();
            failures = 0;
          } catch (error) {
            logger.error({ err: error }, 'delivery loop error');
            failures += 1;
          }
          // While the database is away, attempts slow down to one every 5 s.
          if (claimed === 0 && running)
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, failures > 0 ? Math.min(5_000, idleMs * 2 ** failures) : idleMs);
            });
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
