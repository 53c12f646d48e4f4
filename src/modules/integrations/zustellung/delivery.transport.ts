import { createHmac } from 'node:crypto';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { applyMapping } from '../../../platform/outbox/outbox.ts';
import type { ClaimedDelivery as Claimed } from './delivery.repository.ts';

/** The body a connector sends: its mapping applied to the event, or the FIT-Connect submission. */
export function deliveryBody(row: Pick<Claimed, 'nutzlast' | 'mapping' | 'payload'>) {
  if (row.nutzlast === 'fit-connect' && row.payload.fitConnect)
    return JSON.stringify({ ereignis: row.payload.event.ereignis, ...row.payload.fitConnect });
  return JSON.stringify(applyMapping(row.mapping, row.payload.event));
}

/** HMAC-SHA256 over "<timestamp>." and the body bytes with the county's secret, as the receiver recomputes it. */
export const signature = (secret: string, timestamp: string, body: string | Uint8Array) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;

/** A failed attempt with the reason people see in the dead-letter list. */
export class DeliveryFailed extends Error {}

/** POSTs the body, signed, with the idempotency key; anything but 2xx is a failed attempt. */
export async function postWebhook(row: Claimed, body: string | Uint8Array, timeoutMs: number) {
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
export async function dropZip(row: Claimed, body: string | Uint8Array) {
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
