import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { gremienErrors } from '../gremien.errors.ts';
import { type BeschlussRow, listBeschluesse, updateBeschluss } from './beratungen.repository.ts';

export const beschlussOf = (b: BeschlussRow) => ({
  id: b.id,
  nummer: b.nummer,
  text: b.text,
  umsetzung: b.umsetzung,
  topId: b.top_id,
  top: b.top,
  sitzungId: b.sitzung_id,
  sitzungBeginn: b.sitzung_beginn.toISOString(),
  gremium: b.gremium,
  drucksachenNr: b.drucksachen_nr,
  updatedAt: b.updated_at.toISOString(),
});

/** The Beschluss list with its follow-up (Beschlusskontrolle: offen, in Umsetzung, erledigt). */
export function createBeschluesseUsecases({ database }: { database: DatabaseHandle }) {
  return {
    listBeschluesse: (principal: Principal, query: { umsetzung?: string; limit: number; offset: number }) =>
      database.withTenant(principal.tenantId, async (trx) => {
        const { rows, total } = await listBeschluesse(trx, query);
        return { items: rows.map(beschlussOf), total };
      }),

    async updateBeschluss(
      principal: Principal,
      id: string,
      input: { text?: string | null; umsetzung?: 'offen' | 'in_umsetzung' | 'erledigt' },
    ) {
      if (!hasRole(principal, 'sachbearbeitung', 'leitung', 'kreis-admin')) throw forbidden();
      return database.withTenant(principal.tenantId, async (trx) => {
        const row = await updateBeschluss(trx, id, input);
        if (!row) throw gremienErrors.beschlussNotFound();
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'gremien.beschluss_geaendert',
          objectType: 'beschluss',
          objectId: id,
          data: { nummer: row.nummer, felder: Object.keys(input).sort(), umsetzung: row.umsetzung },
        });
        return beschlussOf(row);
      });
    },
  };
}

export type BeschluesseUsecases = ReturnType<typeof createBeschluesseUsecases>;
