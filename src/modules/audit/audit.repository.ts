import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../app/database.ts';
import {
  type AuditEventInput,
  type ChainedEvent,
  chainHash,
  GENESIS_HASH,
  verifyChain,
} from './audit.models.ts';

/**
 * Appends to the tenant's hash chain inside the caller's transaction, so the event commits or
 * rolls back with the change it describes. The head row is locked, which serialises writers of
 * one tenant without blocking other tenants.
 */
export async function appendAuditEvent(trx: TenantTrx, input: AuditEventInput) {
  const tenantId = trx.tenantId;
  await sql`insert into audit_heads (tenant_id, seq, hash) values (${tenantId}, 0, ${GENESIS_HASH})
            on conflict (tenant_id) do nothing`.execute(trx);
  const head = await trx
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const event: ChainedEvent = {
    tenantId,
    seq: Number(head.seq) + 1,
    time: new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    data: JSON.parse(JSON.stringify(input.data ?? {})),
  };
  const hash = chainHash(head.hash, event);
  await trx
    .insertInto('audit_events')
    .values({
      tenant_id: tenantId,
      seq: event.seq,
      occurred_at: new Date(event.time),
      actor: event.actor,
      action: event.action,
      object_type: event.objectType,
      object_id: event.objectId,
      data: JSON.stringify(event.data),
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await trx
    .updateTable('audit_heads')
    .set({ seq: event.seq, hash })
    .where('tenant_id', '=', tenantId)
    .execute();
  return { seq: event.seq, hash };
}

export function createAuditRepository({ database }: { database: DatabaseHandle }) {
  return {
    async list({ tenantId, limit = 50, objectId }: { tenantId: string; limit?: number; objectId?: string }) {
      return database.withTenant(tenantId, (trx) => {
        let query = trx.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(limit);
        if (objectId) query = query.where('object_id', '=', objectId);
        return query.execute();
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
          const result = verifyChain(
            rows.map((r) => ({
              tenantId: r.tenant_id,
              seq: Number(r.seq),
              time: r.occurred_at.toISOString(),
              actor: r.actor,
              action: r.action,
              objectType: r.object_type,
              objectId: r.object_id,
              data: r.data,
              prevHash: r.prev_hash,
              hash: r.hash,
            })),
            state,
          );
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
