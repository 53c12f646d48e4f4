import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { gremienErrors } from '../gremien.errors.ts';
import { findGremium } from './gremien.repository.ts';
import {
  findPerson,
  insertMitgliedschaft,
  insertPerson,
  insertWahlperiode,
  listMitglieder,
  listPersonen,
  listWahlperioden,
  type MitgliedschaftRow,
  overlapsMembership,
  seatsTaken,
  wahlperiodeExists,
} from './mitglieder.repository.ts';

export const mitgliedOf = (m: MitgliedschaftRow) => ({
  id: m.id,
  gremiumId: m.gremium_id,
  person: { id: m.person_id, familienname: m.familienname, vorname: m.vorname, titel: m.titel },
  wahlperiodeId: m.wahlperiode_id,
  wahlperiode: m.wahlperiode,
  rolle: m.rolle,
  fraktion: m.fraktion,
  stimmberechtigt: m.stimmberechtigt,
  von: m.von,
  bis: m.bis,
});

export type MitgliedschaftInput = {
  personId: string;
  wahlperiodeId?: string | null;
  rolle?: string;
  fraktion?: string | null;
  stimmberechtigt?: boolean;
  von: string;
  bis?: string | null;
};

/** Council administration: Kreis-Administration or Leitung. */
const requireAdmin = (principal: Principal) => {
  if (!hasRole(principal, 'kreis-admin', 'leitung'))
    throw forbidden(
      'kreis-admin or leitung required',
      'Das pflegt die Kreis-Administration oder die Leitung.',
    );
};

export function createMitgliederUsecases({ database }: { database: DatabaseHandle }) {
  const inTenant = database.withTenant;
  return {
    listWahlperioden: (principal: Principal) => inTenant(principal.tenantId, (trx) => listWahlperioden(trx)),

    async createWahlperiode(
      principal: Principal,
      input: { name: string; beginn: string; ende?: string | null },
    ) {
      requireAdmin(principal);
      if (input.ende && input.ende < input.beginn) throw gremienErrors.periodEndsBeforeStart();
      return inTenant(principal.tenantId, async (trx) => {
        const row = await insertWahlperiode(trx, { ...input, ende: input.ende ?? null });
        if (!row) throw gremienErrors.wahlperiodeTaken(input.name);
        return row;
      });
    },

    listPersonen: (principal: Principal, page: { limit: number; offset: number }) =>
      inTenant(principal.tenantId, async (trx) => {
        const { rows, total } = await listPersonen(trx, page);
        return { items: rows.map(({ total: _, ...p }) => p), total };
      }),

    async getPerson(principal: Principal, id: string) {
      return inTenant(principal.tenantId, async (trx) => {
        const person = await findPerson(trx, id);
        if (!person) throw gremienErrors.personNotFound();
        return person;
      });
    },

    async createPerson(
      principal: Principal,
      input: { familienname: string; vorname?: string | null; titel?: string | null },
    ) {
      requireAdmin(principal);
      return inTenant(principal.tenantId, (trx) =>
        insertPerson(trx, {
          familienname: input.familienname,
          vorname: input.vorname ?? null,
          titel: input.titel ?? null,
        }),
      );
    },

    async listMitglieder(principal: Principal, gremiumId: string, stichtag?: string) {
      return inTenant(principal.tenantId, async (trx) => {
        if (!(await findGremium(trx, gremiumId))) throw gremienErrors.gremiumNotFound();
        const rows = await listMitglieder(trx, gremiumId, { stichtag });
        return { items: rows.map(mitgliedOf), total: rows.length };
      });
    },

    /**
     * A seat in a Gremium: the person at most once at a time, and no more voting members on any
     * day than the Gremium has seats.
     */
    async addMitglied(principal: Principal, gremiumId: string, input: MitgliedschaftInput) {
      requireAdmin(principal);
      const bis = input.bis ?? null;
      if (bis && bis < input.von) throw gremienErrors.periodEndsBeforeStart();
      return inTenant(principal.tenantId, async (trx) => {
        const gremium = await findGremium(trx, gremiumId);
        if (!gremium) throw gremienErrors.gremiumNotFound();
        if (!(await findPerson(trx, input.personId))) throw gremienErrors.unknownPerson();
        if (input.wahlperiodeId && !(await wahlperiodeExists(trx, input.wahlperiodeId)))
          throw gremienErrors.unknownWahlperiode();
        const range = { gremiumId, von: input.von, bis };
        if (await overlapsMembership(trx, { ...range, personId: input.personId }))
          throw gremienErrors.alreadyMember();
        const stimmberechtigt = input.stimmberechtigt ?? true;
        if (stimmberechtigt && gremium.sitze !== null && (await seatsTaken(trx, range)) >= gremium.sitze)
          throw gremienErrors.seatsFull(gremium.name, gremium.sitze);
        const row = await insertMitgliedschaft(trx, {
          gremiumId,
          personId: input.personId,
          wahlperiodeId: input.wahlperiodeId ?? null,
          rolle: input.rolle ?? 'mitglied',
          fraktion: input.fraktion ?? null,
          stimmberechtigt,
          von: input.von,
          bis,
        });
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'gremien.mitglied_aufgenommen',
          objectType: 'gremium',
          objectId: gremiumId,
          data: { mitgliedschaft: row.id, person: input.personId, von: input.von, bis },
        });
        return mitgliedOf(row);
      });
    },
  };
}

export type MitgliederUsecases = ReturnType<typeof createMitgliederUsecases>;
