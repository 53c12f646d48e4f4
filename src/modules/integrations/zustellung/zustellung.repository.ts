import { sql } from 'kysely';
import type { Db, TenantTrx } from '../../../platform/database/database.ts';
import { isoOrNull, latencyMs } from '../integrations.models.ts';
import type {
  DeliveryFilter,
  MonitorFigures,
  MonitorVerbundZeile,
  MonitorZeile,
  Zustellung,
} from './zustellung.models.ts';

type OutboxRow = {
  id: string;
  connector_id: string;
  ordering_key: string;
  idempotency_key: string;
  ereignis: string;
  payload: unknown;
  status: string;
  attempts: number;
  max_attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
};

type FiguresRow = {
  zugestellt: number;
  wartend: number;
  fehlerhaft: number;
  tot: number;
  p50_ms: unknown;
  p95_ms: unknown;
  zuletzt: Date | null;
};

const toZustellung = (r: OutboxRow): Zustellung => ({
  id: r.id,
  connectorId: r.connector_id,
  vorgangId: r.ordering_key,
  idempotencyKey: r.idempotency_key,
  ereignis: r.ereignis,
  payload: r.payload,
  status: r.status,
  versuche: r.attempts,
  maxVersuche: r.max_attempts,
  naechsterVersuch: r.next_attempt_at.toISOString(),
  letzterFehler: r.last_error ?? null,
  erstellt: r.created_at.toISOString(),
  zugestellt: isoOrNull(r.delivered_at),
});

const toFigures = (r: FiguresRow): MonitorFigures => ({
  zugestellt: r.zugestellt,
  wartend: r.wartend,
  fehlerhaft: r.fehlerhaft,
  tot: r.tot,
  latenzP50Ms: latencyMs(r.p50_ms),
  latenzP95Ms: latencyMs(r.p95_ms),
  zuletzt: isoOrNull(r.zuletzt),
});

/** All SQL of the deliveries as people see them (list, redelivery, monitor). The worker's is in delivery.repository.ts. */
export const zustellungRepository = {
  async list(trx: TenantTrx, filter: DeliveryFilter) {
    const where = sql`${filter.status ? sql`status = ${filter.status}` : sql`true`} and ${filter.connector ? sql`connector_id = ${filter.connector}` : sql`true`}`;
    const { rows } = await sql<OutboxRow>`
      select id::text, connector_id, ordering_key, idempotency_key, ereignis, payload, status, attempts, max_attempts,
        next_attempt_at, last_error, created_at, delivered_at
      from outbox where ${where} order by id desc limit ${filter.limit} offset ${filter.offset}`.execute(trx);
    const { rows: count } = await sql<{
      n: number;
    }>`select count(*)::int as n from outbox where ${where}`.execute(trx);
    return { items: rows.map(toZustellung), total: count[0]!.n };
  },

  /** Puts a dead or waiting delivery back to be sent now; false when it is delivered, in flight or absent. */
  async requeue(trx: TenantTrx, id: string) {
    const { rows } = await sql<{ status: string }>`
      update outbox set status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = null
      where id = ${id} and status in ('dead', 'pending') returning status`.execute(trx);
    return rows.length > 0;
  },

  async exists(trx: TenantTrx, id: string) {
    const { rows } = await sql`select status from outbox where id = ${id}`.execute(trx);
    return rows.length > 0;
  },

  /** Wakes the delivery workers of every process (they LISTEN on verbund_outbox). */
  async notifyWorkers(trx: TenantTrx) {
    await sql`select pg_notify('verbund_outbox', ${trx.tenantId})`.execute(trx);
  },

  async monitor(trx: TenantTrx): Promise<MonitorZeile[]> {
    const { rows } = await sql<FiguresRow & { id: string; name: string; aktivierung: string }>`
      select d.id, d.name, coalesce(a.status, 'pending') as aktivierung,
        count(o.id) filter (where o.status = 'delivered')::int as zugestellt,
        count(o.id) filter (where o.status in ('pending', 'delivering') and o.attempts = 0)::int as wartend,
        count(o.id) filter (where o.status in ('pending', 'delivering') and o.attempts > 0)::int as fehlerhaft,
        count(o.id) filter (where o.status = 'dead')::int as tot,
        percentile_cont(0.5) within group (order by extract(epoch from o.delivered_at - o.created_at) * 1000)
          filter (where o.status = 'delivered') as p50_ms,
        percentile_cont(0.95) within group (order by extract(epoch from o.delivered_at - o.created_at) * 1000)
          filter (where o.status = 'delivered') as p95_ms,
        max(o.delivered_at) as zuletzt
      from connector_definitionen d left join connector_aktivierungen a on a.connector_id = d.id
      left join outbox o on o.connector_id = d.id
      group by d.id, d.name, a.status order by d.name`.execute(trx);
    return rows.map((r) => ({
      connectorId: r.id,
      name: r.name,
      aktivierung: r.aktivierung,
      ...toFigures(r),
    }));
  },

  /** Aggregates of every county, through the SECURITY DEFINER function that returns figures only. */
  async unsafeMonitorAllTenants(db: Db): Promise<MonitorVerbundZeile[]> {
    const { rows } = await sql<FiguresRow & { connector_id: string; tenant_id: string }>`
      select * from integration_monitor_verbund()`.execute(db);
    return rows.map((r) => ({ connectorId: r.connector_id, landkreis: r.tenant_id, ...toFigures(r) }));
  },
};
