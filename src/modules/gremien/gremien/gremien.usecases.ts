import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { gremienErrors } from '../gremien.errors.ts';
import { findGremium, type GremiumRow, insertGremium, listGremien } from './gremien.repository.ts';

export const gremiumOf = (row: GremiumRow) => ({
  id: row.id,
  name: row.name,
  kuerzel: row.kuerzel,
  art: row.art,
  sitze: row.sitze,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});
export type Gremium = ReturnType<typeof gremiumOf>;

export type GremiumInput = { name: string; kuerzel: string; art: string; sitze?: number | null };

export function createGremienUsecases({ database }: { database: DatabaseHandle }) {
  return {
    async listGremien(principal: Principal) {
      return database.withTenant(principal.tenantId, async (trx) => (await listGremien(trx)).map(gremiumOf));
    },

    async getGremium(principal: Principal, id: string) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const row = await findGremium(trx, id);
        if (!row) throw gremienErrors.gremiumNotFound();
        return gremiumOf(row);
      });
    },

    /** A new council body of the county (Kreis-Administration or Leitung). */
    async createGremium(principal: Principal, input: GremiumInput) {
      if (!hasRole(principal, 'kreis-admin', 'leitung'))
        throw forbidden(
          'kreis-admin or leitung required',
          'Gremien legt die Kreis-Administration oder die Leitung an.',
        );
      return database.withTenant(principal.tenantId, async (trx) => {
        const row = await insertGremium(trx, { ...input, sitze: input.sitze ?? null });
        if (!row) throw gremienErrors.kuerzelTaken(input.kuerzel);
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'gremien.gremium_angelegt',
          objectType: 'gremium',
          objectId: row.id,
          data: { name: row.name, kuerzel: row.kuerzel, art: row.art },
        });
        return gremiumOf(row);
      });
    },
  };
}

export type GremienUsecases = ReturnType<typeof createGremienUsecases>;
