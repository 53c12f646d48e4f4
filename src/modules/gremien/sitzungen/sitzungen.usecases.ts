import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { GremienAblage } from '../dokumente/ablage-port.ts';
import { gremienErrors } from '../gremien.errors.ts';
import { canChangeStatus, isPermutation, type SitzungStatus } from './sitzungen.models.ts';
import {
  appendTop,
  findSitzung,
  insertSitzung,
  listSitzungen,
  loadAnwesenheit,
  loadTagesordnung,
  nextSitzungNummer,
  reorderTops,
  type SitzungRow,
  type TopRow,
  updateSitzung,
  vorlageOeffentlich,
} from './sitzungen.repository.ts';

export function sitzungOf(s: SitzungRow, tops?: TopRow[], anwesend?: string[]) {
  let oe = 0;
  let ne = 0;
  return {
    id: s.id,
    gremiumId: s.gremium_id,
    gremium: s.gremium,
    kuerzel: s.kuerzel,
    nummer: s.nummer,
    beginn: s.beginn.toISOString(),
    ende: s.ende?.toISOString() ?? null,
    ort: s.ort,
    status: s.status,
    sequenz: s.sequenz,
    ...(tops
      ? {
          tagesordnung: tops.map((t) => ({
            id: t.id,
            position: t.position,
            // Ö 1, Ö 2 … for the public part, N 1, N 2 … for the non-public part, in agenda order.
            nummer: t.oeffentlich ? `Ö ${++oe}` : `N ${++ne}`,
            titel: t.titel,
            oeffentlich: t.oeffentlich,
            vorlageId: t.vorlage_id,
            drucksachenNr: t.drucksachen_nr,
            beratung: t.ergebnis
              ? { ergebnis: t.ergebnis, ja: t.ja, nein: t.nein, enthaltung: t.enthaltung }
              : null,
          })),
        }
      : {}),
    ...(anwesend ? { anwesend } : {}),
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

const ORGANISERS = ['sachbearbeitung', 'leitung', 'kreis-admin'] as const;

export function createSitzungenUsecases({
  database,
  ablage,
}: {
  database: DatabaseHandle;
  /** Files Einladung and Niederschrift in the transaction of the change (dokumente/ablegen.usecases.ts). */
  ablage: GremienAblage;
}) {
  const withAgenda = async (trx: TenantTrx, row: SitzungRow) =>
    sitzungOf(row, await loadTagesordnung(trx, row.id), await loadAnwesenheit(trx, row.id));
  const audit = (
    trx: TenantTrx,
    principal: Principal,
    action: string,
    id: string,
    data: Record<string, unknown>,
  ) =>
    appendAuditEvent(trx, { actor: actorOf(principal), action, objectType: 'sitzung', objectId: id, data });

  return {
    /** A session of a Gremium with the next number of that Gremium. */
    async createSitzung(
      principal: Principal,
      gremiumId: string,
      input: { beginn: string; ende?: string | null; ort?: string | null },
    ) {
      if (!hasRole(principal, ...ORGANISERS)) throw forbidden();
      if (input.ende && new Date(input.ende) < new Date(input.beginn))
        throw gremienErrors.periodEndsBeforeStart();
      return database.withTenant(principal.tenantId, async (trx) => {
        const nummer = await nextSitzungNummer(trx, gremiumId);
        if (nummer === null) throw gremienErrors.gremiumNotFound();
        const row = await insertSitzung(trx, {
          gremiumId,
          nummer,
          beginn: input.beginn,
          ende: input.ende ?? null,
          ort: input.ort ?? null,
          createdBy: actorOf(principal),
        });
        await audit(trx, principal, 'gremien.sitzung_angelegt', row.id, { gremiumId, nummer });
        return withAgenda(trx, row);
      });
    },

    listSitzungen: (
      principal: Principal,
      query: { gremiumId?: string; von?: string; bis?: string; limit: number; offset: number },
    ) =>
      database.withTenant(principal.tenantId, async (trx) => {
        const { rows, total } = await listSitzungen(trx, query);
        return { items: rows.map((r) => sitzungOf(r)), total };
      }),

    async getSitzung(principal: Principal, id: string) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const row = await findSitzung(trx, id);
        if (!row) throw gremienErrors.sitzungNotFound();
        return withAgenda(trx, row);
      });
    },

    /** Time, place or state (geplant → eingeladen → durchgeführt; abgesagt until held). */
    async updateSitzung(
      principal: Principal,
      id: string,
      input: { beginn?: string; ende?: string | null; ort?: string | null; status?: SitzungStatus },
    ) {
      if (!hasRole(principal, ...ORGANISERS)) throw forbidden();
      return database.withTenant(principal.tenantId, async (trx) => {
        const current = await findSitzung(trx, id, { lock: true });
        if (!current) throw gremienErrors.sitzungNotFound();
        if (input.status && !canChangeStatus(current.status, input.status))
          throw gremienErrors.sitzungStatus(current.status, input.status);
        const beginn = input.beginn ?? current.beginn.toISOString();
        const ende = input.ende === undefined ? current.ende?.toISOString() : input.ende;
        if (ende && new Date(ende) < new Date(beginn)) throw gremienErrors.periodEndsBeforeStart();
        const row = await updateSitzung(trx, id, input);
        await audit(trx, principal, 'gremien.sitzung_geaendert', id, { felder: Object.keys(input).sort() });
        // Invited: the Einladung is filed; held: the Niederschrift; a later change of time or place:
        // the next version of both. A change of state alone leaves the Einladung as it is.
        const nurStatus = Object.keys(input).every((key) => key === 'status');
        await ablage.sitzungAblegen(trx, {
          sitzungId: id,
          actor: actorOf(principal),
          ...(nurStatus ? { nur: row.status === 'durchgefuehrt' ? 'niederschrift' : 'einladung' } : {}),
        });
        return withAgenda(trx, row);
      });
    },

    /** A new item at the end of the agenda; a non-public Vorlage only in the non-public part. */
    async addTop(
      principal: Principal,
      sitzungId: string,
      input: { titel: string; oeffentlich?: boolean; vorlageId?: string | null },
    ) {
      if (!hasRole(principal, ...ORGANISERS)) throw forbidden();
      return database.withTenant(principal.tenantId, async (trx) => {
        const sitzung = await findSitzung(trx, sitzungId, { lock: true });
        if (!sitzung) throw gremienErrors.sitzungNotFound();
        if (sitzung.status === 'durchgefuehrt' || sitzung.status === 'abgesagt')
          throw gremienErrors.agendaClosed(sitzung.status);
        const oeffentlich = input.oeffentlich ?? true;
        if (input.vorlageId) {
          const public_ = await vorlageOeffentlich(trx, input.vorlageId);
          if (public_ === null) throw gremienErrors.unknownVorlage();
          if (!public_ && oeffentlich) throw gremienErrors.nonPublicVorlageInPublicPart();
        }
        await appendTop(trx, {
          sitzungId,
          titel: input.titel,
          oeffentlich,
          vorlageId: input.vorlageId ?? null,
        });
        await audit(trx, principal, 'gremien.tagesordnung_ergaenzt', sitzungId, {
          titel: input.titel,
          oeffentlich,
        });
        await ablage.sitzungAblegen(trx, { sitzungId, actor: actorOf(principal) });
        return withAgenda(trx, sitzung);
      });
    },

    /** The agenda in a new order: every item exactly once. */
    async reorderTops(principal: Principal, sitzungId: string, ids: string[]) {
      if (!hasRole(principal, ...ORGANISERS)) throw forbidden();
      return database.withTenant(principal.tenantId, async (trx) => {
        const sitzung = await findSitzung(trx, sitzungId, { lock: true });
        if (!sitzung) throw gremienErrors.sitzungNotFound();
        const current = await loadTagesordnung(trx, sitzungId);
        if (
          !isPermutation(
            current.map((t) => t.id),
            ids,
          )
        )
          throw gremienErrors.notAPermutation();
        await reorderTops(trx, sitzungId, ids);
        await audit(trx, principal, 'gremien.tagesordnung_umgestellt', sitzungId, { reihenfolge: ids });
        await ablage.sitzungAblegen(trx, { sitzungId, actor: actorOf(principal) });
        return withAgenda(trx, sitzung);
      });
    },
  };
}

export type SitzungenUsecases = ReturnType<typeof createSitzungenUsecases>;
