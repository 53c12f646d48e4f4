import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { beschlussKontext } from './beratungen.repository.ts';
import {
  BESCHLUSS_NUMMERNVORLAGE,
  BeschlussNummernvorlageError,
  beschlussZaehlerOf,
  parseBeschlussNummernvorlage,
  renderBeschlussNr,
} from './beschluss-nr.models.ts';
import { beschlussNummernErrors } from './beschluss-nummern.errors.ts';
import {
  beschlussNummerTaken,
  existingBeschlussNummer,
  loadBeschlussNummernvorlage,
  nextBeschlussZaehler,
  saveBeschlussNummernvorlage,
} from './beschluss-nummern.repository.ts';

/** An example under the template: Kreistag, session 65, item 3, first Beschluss of this year. */
const beispielOf = (vorlage: ReturnType<typeof parseBeschlussNummernvorlage>) =>
  renderBeschlussNr(vorlage, { gremium: 'KT', sitzung: 65, top: 3, jahr: new Date().getFullYear(), seq: 1 });

/**
 * The number for the Beschluss of an agenda item, in the transaction that records it: the number
 * it already has (kept once given), else one under the county's template ({seq} drawn from its
 * counter here, so a rollback returns it). A number another Beschluss carries (e.g. given under an
 * earlier template) is refused with 409 instead of failing on the unique index.
 */
export async function beschlussNummerFuer(trx: TenantTrx, topId: string): Promise<string> {
  const existing = await existingBeschlussNummer(trx, topId);
  if (existing) return existing;
  const vorlage = parseBeschlussNummernvorlage(
    (await loadBeschlussNummernvorlage(trx)) ?? BESCHLUSS_NUMMERNVORLAGE,
  );
  const k = await beschlussKontext(trx, topId);
  const seq = vorlage.seq
    ? await nextBeschlussZaehler(trx, beschlussZaehlerOf(vorlage, { gremium: k.kuerzel, jahr: k.jahr }))
    : undefined;
  const nummer = renderBeschlussNr(vorlage, {
    gremium: k.kuerzel,
    sitzung: k.sitzung,
    top: k.position,
    jahr: k.jahr,
    seq,
  });
  if (await beschlussNummerTaken(trx, nummer)) throw beschlussNummernErrors.taken(nummer);
  return nummer;
}

/** The county's template of Beschluss numbers (read by everyone, set by the Kreis-Administration). */
export function createBeschlussNummernUsecases({ database }: { database: DatabaseHandle }) {
  return {
    async get(principal: Principal) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const vorlage = parseBeschlussNummernvorlage(
          (await loadBeschlussNummernvorlage(trx)) ?? BESCHLUSS_NUMMERNVORLAGE,
        );
        return { vorlage: vorlage.text, beispiel: beispielOf(vorlage) };
      });
    },

    async set(principal: Principal, text: string) {
      if (!hasRole(principal, 'kreis-admin'))
        throw forbidden('kreis-admin required', 'Die Nummernvorlage ändert nur die Kreis-Administration.');
      let vorlage: ReturnType<typeof parseBeschlussNummernvorlage>;
      try {
        vorlage = parseBeschlussNummernvorlage(text);
      } catch (error) {
        if (error instanceof BeschlussNummernvorlageError)
          throw beschlussNummernErrors.invalid(error.message);
        throw error;
      }
      return database.withTenant(principal.tenantId, async (trx) => {
        await saveBeschlussNummernvorlage(trx, vorlage.text);
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'gremien.beschluss_nummernvorlage_gesetzt',
          objectType: 'beschluss_schema',
          objectId: principal.tenantId,
          data: { vorlage: vorlage.text },
        });
        return { vorlage: vorlage.text, beispiel: beispielOf(vorlage) };
      });
    },
  };
}

export type BeschlussNummernUsecases = ReturnType<typeof createBeschlussNummernUsecases>;
