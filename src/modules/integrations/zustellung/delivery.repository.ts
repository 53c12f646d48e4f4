import { sql } from 'kysely';
import type { Db, TenantTrx } from '../../../platform/database/database.ts';

/** A claimed delivery with its connector's definition and this county's activation. */
export type ClaimedDelivery = {
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

/** All SQL of the delivery worker. */
export const deliveryRepository = {
  /**
   * Claims due deliveries across counties (claim_outbox: FOR UPDATE SKIP LOCKED, only the oldest
   * open event per Vorgang), each locked for lockSeconds.
   */
  async claim(db: Db, { batch, lockSeconds }: { batch: number; lockSeconds: number }) {
    const { rows } = await sql<{ tenant_id: string; id: string }>`
      select tenant_id, id::text from claim_outbox(${batch}, ${lockSeconds})`.execute(db);
    return rows;
  },

  async load(trx: TenantTrx, id: string) {
    const { rows } = await sql<ClaimedDelivery>`
      select o.*, d.nutzlast, d.mapping, d.transport, a.ziel, a.secret, a.status
      from outbox o join connector_definitionen d on d.id = o.connector_id
      left join connector_aktivierungen a on a.connector_id = o.connector_id
      where o.id = ${id}`.execute(trx);
    return rows[0];
  },

  async markDelivered(trx: TenantTrx, id: string) {
    await sql`update outbox set status = 'delivered', delivered_at = now(), locked_until = null, last_error = null
      where id = ${id}`.execute(trx);
  },

  /** Records a failed attempt: retried after waitMs, or a dead letter. */
  async markFailed(trx: TenantTrx, id: string, failure: { dead: boolean; error: string; waitMs: number }) {
    await sql`update outbox set status = ${failure.dead ? 'dead' : 'pending'}, last_error = ${failure.error.slice(0, 2000)},
        locked_until = null, next_attempt_at = now() + make_interval(secs => ${failure.waitMs / 1000})
      where id = ${id}`.execute(trx);
  },
};
