import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { GremienAblage } from '../dokumente/ablage-port.ts';
import { gremienErrors } from '../gremien.errors.ts';
import { announceBeratung, type BeratungHook } from './beratung-hooks.ts';
import {
  deleteBeschluss,
  ensureBeschluss,
  findBeschlussOf,
  findTop,
  mitgliederAmSitzungstag,
  replaceAnwesenheit,
  upsertBeratung,
} from './beratungen.repository.ts';
import { beschlussNummerFuer } from './beschluss-nummern.usecases.ts';
import { findSitzung } from './sitzungen.repository.ts';

export type BeratungInput = {
  ergebnis: 'beschlossen' | 'abgelehnt' | 'vertagt' | 'zur_kenntnis' | 'verwiesen';
  ja?: number | null;
  nein?: number | null;
  enthaltung?: number | null;
};

const RECORDERS = ['sachbearbeitung', 'leitung', 'kreis-admin'] as const;

/** The session cockpit's records: attendance, and the result and votes of each agenda item. */
export function createBeratungenUsecases({
  database,
  ablage,
  beratungHooks = [],
}: {
  database: DatabaseHandle;
  /** Files the Niederschrift of a held session again when its records change (dokumente/ablegen.usecases.ts). */
  ablage: GremienAblage;
  /** Told of each recorded Beratung of a Vorlage, in the same transaction (e.g. the amendment process). */
  beratungHooks?: readonly BeratungHook[];
}) {
  return {
    /** Who is present: members of the Gremium on the day of the session only. */
    async setAnwesenheit(principal: Principal, sitzungId: string, personIds: string[]) {
      if (!hasRole(principal, ...RECORDERS)) throw forbidden();
      const unique = [...new Set(personIds)];
      return database.withTenant(principal.tenantId, async (trx) => {
        const sitzung = await findSitzung(trx, sitzungId, { lock: true });
        if (!sitzung) throw gremienErrors.sitzungNotFound();
        if (sitzung.status === 'abgesagt') throw gremienErrors.agendaClosed('abgesagt');
        const members = new Set((await mitgliederAmSitzungstag(trx, sitzungId)).map((m) => m.person_id));
        const strangers = unique.filter((id) => !members.has(id));
        if (strangers.length > 0) throw gremienErrors.notMembers(strangers);
        await replaceAnwesenheit(trx, sitzungId, unique);
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'gremien.anwesenheit_erfasst',
          objectType: 'sitzung',
          objectId: sitzungId,
          data: { anwesend: unique.length },
        });
        await ablage.sitzungAblegen(trx, { sitzungId, actor: actorOf(principal), nur: 'niederschrift' });
        return { sitzungId, anwesend: unique.sort() };
      });
    },

    /**
     * The result of an agenda item with its votes: Ja + Nein + Enthaltungen never exceed the
     * members with a voting right who are present.
     */
    async setBeratung(principal: Principal, topId: string, input: BeratungInput) {
      if (!hasRole(principal, ...RECORDERS)) throw forbidden();
      const votes = [input.ja, input.nein, input.enthaltung];
      const counted = votes.every((v) => v !== undefined && v !== null);
      if (!counted && votes.some((v) => v !== undefined && v !== null)) throw gremienErrors.votesIncomplete();
      return database.withTenant(principal.tenantId, async (trx) => {
        const top = await findTop(trx, topId);
        if (!top) throw gremienErrors.topNotFound();
        // The session's lock: its Niederschrift is filed from one consistent state.
        await findSitzung(trx, top.sitzung_id, { lock: true });
        if (top.status !== 'eingeladen' && top.status !== 'durchgefuehrt')
          throw gremienErrors.notInSession(top.status);
        if (counted) {
          const present = (await mitgliederAmSitzungstag(trx, top.sitzung_id)).filter(
            (m) => m.anwesend && m.stimmberechtigt,
          ).length;
          const sum = input.ja! + input.nein! + input.enthaltung!;
          if (sum > present) throw gremienErrors.tooManyVotes(sum, present);
        }
        // A resolution gets its Beschluss (number kept once given); another result removes a
        // Beschluss nobody works on yet, and is refused for one already being carried out.
        const existing = await findBeschlussOf(trx, topId);
        let beschlussNr: string | null = null;
        if (input.ergebnis === 'beschlossen') {
          // The county's template (beschluss-nummern.usecases.ts); kept once given.
          beschlussNr = (await ensureBeschluss(trx, topId, await beschlussNummerFuer(trx, topId))).nummer;
        } else if (existing) {
          if (existing.umsetzung !== 'offen') throw gremienErrors.beschlussInUmsetzung();
          await deleteBeschluss(trx, existing.id);
        }
        const row = await upsertBeratung(trx, {
          topId,
          ergebnis: input.ergebnis,
          ja: counted ? input.ja! : null,
          nein: counted ? input.nein! : null,
          enthaltung: counted ? input.enthaltung! : null,
          actor: actorOf(principal),
        });
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'gremien.beratung_erfasst',
          objectType: 'tagesordnungspunkt',
          objectId: topId,
          data: {
            ergebnis: row.ergebnis,
            ja: row.ja,
            nein: row.nein,
            enthaltung: row.enthaltung,
            beschlussNr,
          },
        });
        await announceBeratung(beratungHooks, {
          trx,
          topId,
          ergebnis: row.ergebnis,
          beschlussNr,
          actor: actorOf(principal),
        });
        await ablage.sitzungAblegen(trx, {
          sitzungId: top.sitzung_id,
          actor: actorOf(principal),
          nur: 'niederschrift',
        });
        return {
          topId: row.top_id,
          ergebnis: row.ergebnis,
          ja: row.ja,
          nein: row.nein,
          enthaltung: row.enthaltung,
          beschlussNr,
          erfasstVon: row.updated_by,
          erfasstAm: row.updated_at.toISOString(),
        };
      });
    },
  };
}

export type BeratungenUsecases = ReturnType<typeof createBeratungenUsecases>;
