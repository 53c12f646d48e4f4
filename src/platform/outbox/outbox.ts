import { sql } from 'kysely';
import type { TenantTrx } from '../database/database.ts';

export const TRIGGERS = ['antrag.eingegangen', 'dokument.abgelegt', 'vorgang.status'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** A change another system may need to know about, as connectors see it. */
export type IntegrationEvent = {
  ereignis: Trigger;
  /** Deliveries with the same key go out in order: the Vorgang. */
  vorgangId: string;
  /** Matched against a connector's filter: the Leistung (antrag.eingegangen) … */
  leistungId?: string | null;
  /** … or the Aktenplan Kennzeichen (dokument.abgelegt, prefix match). */
  kennzeichen?: string | null;
  /** The event document (landkreis, vorgang, antrag, dokument, …), the input of payload mappings. */
  daten: Record<string, unknown>;
  /** FIT-Connect submission (metadata + data) for connectors with that payload format. */
  fitConnect?: Record<string, unknown>;
};

/** Reads a dotted path (`antrag.leistung.leika`, `antrag.anlagen.0.dateiname`) from the event. */
export function valueAt(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const segment of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * A declarative mapping: an object whose string leaves starting with `$.` are paths into the event,
 * other leaves are constants; nested objects and arrays map recursively. An empty mapping passes
 * the whole event.
 */
export function applyMapping(mapping: unknown, event: Record<string, unknown>): unknown {
  if (mapping === null || mapping === undefined) return event;
  if (typeof mapping === 'string')
    return mapping.startsWith('$.') ? (valueAt(event, mapping.slice(2)) ?? null) : mapping;
  if (Array.isArray(mapping)) return mapping.map((m) => applyMapping(m, event));
  if (typeof mapping === 'object') {
    const entries = Object.entries(mapping as Record<string, unknown>);
    if (entries.length === 0) return event;
    return Object.fromEntries(entries.map(([k, v]) => [k, applyMapping(v, event)]));
  }
  return mapping;
}

/**
 * The outbox insert for an event as a SQL fragment (an INSERT … SELECT), usable on its own or as a
 * CTE inside the statement of the change itself: one row per active connector of the county whose
 * trigger and filter match. The row stores the event document; the connector's payload mapping is
 * applied at delivery time (so a fixed mapping reaches events still waiting).
 */
export function outboxInsert(tenantId: string, event: IntegrationEvent, zeit = new Date().toISOString()) {
  const payload = {
    event: { ereignis: event.ereignis, zeit, ...event.daten },
    fitConnect: event.fitConnect ?? null,
  };
  return sql`
    insert into outbox (tenant_id, connector_id, ordering_key, ereignis, payload, max_attempts)
    select ${tenantId}, d.id, ${event.vorgangId}, ${event.ereignis}, ${JSON.stringify(payload)}::jsonb, d.max_versuche
    from connector_aktivierungen a join connector_definitionen d on d.id = a.connector_id
    where a.status = 'active' and d.ausloeser = ${event.ereignis}
      and (d.filter is null or d.filter = ${event.leistungId ?? ''}
        or (${event.ereignis} = 'dokument.abgelegt' and ${event.kennzeichen ?? ''} like d.filter || '%'))
    returning id`;
}

/** Records an event in the transactional outbox, in the caller's transaction (one round trip). */
export async function recordEventInTrx(trx: TenantTrx, event: IntegrationEvent) {
  const { rows } = await sql<{ n: number }>`
    with o as (${outboxInsert(trx.tenantId, event)})
    select count(*)::int as n, pg_notify('verbund_outbox', ${trx.tenantId}) from o`.execute(trx);
  return rows[0]?.n ?? 0;
}
