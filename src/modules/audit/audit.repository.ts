import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import { type AuditEventInput, eventBody, GENESIS_HASH, storedEventOf, verifyChain } from './audit.models.ts';

/**
 * The two common table expressions that append one event to the tenant's hash chain: `audit_head`
 * locks the tenant's head row and advances it, with the hash computed by PostgreSQL over the
 * previous hash, the seq and the canonical JSON body computed here (audit.models.ts, chainHash);
 * `audit_event` inserts the event. A hot path can put them into its own statement; the row lock
 * serialises the tenant's writers until commit, so it belongs in the transaction's last statement.
 */
export function auditAppendCtes(tenantId: string, input: AuditEventInput) {
  const time = new Date().toISOString();
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>;
  const body = eventBody({
    tenantId,
    seq: 0,
    time,
    actor: input.actor,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    data,
  });
  return sql`audit_head as (
      insert into audit_heads as h (tenant_id, seq, hash, prev_hash)
      values (${tenantId}, 1,
              encode(sha256(convert_to(${GENESIS_HASH} || E'\n1\n' || ${body}, 'UTF8')), 'hex'), ${GENESIS_HASH})
      on conflict (tenant_id) do update
        set seq = h.seq + 1,
            prev_hash = h.hash,
            hash = encode(sha256(convert_to(h.hash || E'\n' || (h.seq + 1)::text || E'\n' || ${body}, 'UTF8')), 'hex')
      returning seq, hash, prev_hash
    ), audit_event as (
      insert into audit_events (tenant_id, seq, occurred_at, actor, action, object_type, object_id, data, prev_hash, hash)
      select ${tenantId}, audit_head.seq, ${time}::timestamptz, ${input.actor}, ${input.action}, ${input.objectType},
             ${input.objectId}, ${JSON.stringify(data)}::jsonb, audit_head.prev_hash, audit_head.hash
      from audit_head
      returning seq, hash
    )`;
}

/**
 * Appends to the tenant's hash chain inside the caller's transaction, so the event commits or
 * rolls back with the change it describes (one statement; see auditAppendCtes).
 */
export async function appendAuditEvent(trx: TenantTrx, input: AuditEventInput) {
  const { rows } = await sql<{ seq: string; hash: string }>`
    with ${auditAppendCtes(trx.tenantId, input)} select seq, hash from audit_event`.execute(trx);
  return { seq: Number(rows[0]!.seq), hash: rows[0]!.hash };
}

export function createAuditRepository({ database }: { database: DatabaseHandle }) {
  return {
    async list({ tenantId, limit = 50, objectId }: { tenantId: string; limit?: number; objectId?: string }) {
      return database.withTenant(tenantId, async (trx) => {
        let query = trx.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(limit);
        if (objectId) query = query.where('object_id', '=', objectId);
        return (await query.execute()).map(storedEventOf);
      });
    },

    /** Reads the chain in pages of 5,000 and recomputes every hash. */
    async verify({ tenantId }: { tenantId: string }) {
      return database.withTenant(tenantId, async (trx) => {
        let state = { prev: GENESIS_HASH, expectedSeq: 1, events: 0 };
        for (;;) {
          const rows = await trx
            .selectFrom('audit_events')
            .selectAll()
            .where('seq', '>=', String(state.expectedSeq))
            .orderBy('seq')
            .limit(5000)
            .execute();
          const result = verifyChain(rows.map(storedEventOf), state);
          state = result.state;
          if (result.failure) return { ok: false as const, events: state.events, ...result.failure };
          if (rows.length < 5000) break;
        }
        const head = await trx.selectFrom('audit_heads').selectAll().executeTakeFirst();
        if (head && (Number(head.seq) !== state.events || head.hash !== state.prev)) {
          return {
            ok: false as const,
            events: state.events,
            brokenSeq: state.events + 1,
            reason: 'Kette endet vor dem gespeicherten Kopf (Ereignisse gelöscht)',
          };
        }
        return { ok: true as const, events: state.events, head: state.prev };
      });
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
