import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { leseVerbundzahlen } from '../verbundzahlen.ts';
import { reifegradErrors } from './reifegrad.errors.ts';
import {
  ableiten,
  istOnline,
  istOzgKonform,
  type KriteriumKey,
  type KriteriumWert,
  kriterienStand,
  reifegrad,
  reifegradTabelle,
  STUFEN,
  type Stufe,
  stufenName,
} from './reifegrad.models.ts';
import { reifegradRepository as repo, VERBUND } from './reifegrad.repository.ts';
import type { ReifegradInput } from './reifegrad.schemas.ts';

const alsAntwort = (w: KriteriumWert | null): Stufe | 'entfaellt' | null =>
  w === null ? null : 'entfaellt' in w ? 'entfaellt' : w.stufe;

/**
 * Derives and combines the criteria of the county's Leistungen (all, or one), stores the levels
 * (the Verbund view counts them) and returns them. Runs in the caller's tenant transaction.
 */
export async function berechneReifegrade(trx: TenantTrx, leistungId?: string) {
  // One connection per transaction: the three reads run one after the other anyway.
  const fakten = await repo.fakten(trx, leistungId);
  const erfasst = await repo.kriterien(trx, leistungId);
  const stand = await repo.stand(trx);
  const ergebnis = fakten.map((f) => {
    const eigene = Object.fromEntries(
      erfasst.filter((e) => e.leistungId === f.leistungId).map((e) => [e.kriterium, e.wert]),
    ) as Partial<Record<KriteriumKey, KriteriumWert>>;
    const kriterien = kriterienStand({ erfasst: eigene, abgeleitet: ableiten(f) });
    const stufe = reifegrad(kriterien);
    return {
      leistungId: f.leistungId,
      name: f.name,
      aktiv: f.aktiv,
      stufe,
      stufenName: stufenName(stufe),
      online: istOnline(stufe),
      ozgKonform: istOzgKonform(stufe),
      stufe20: stand.find((s) => s.leistungId === f.leistungId)?.stufe20 ?? null,
      offeneKriterien: kriterien.filter((k) => k.quelle === 'offen').length,
      kriterien: kriterien.map((k) => ({
        key: k.key,
        name: k.name,
        quelle: k.quelle,
        erfasst: alsAntwort(k.erfasst),
        abgeleitet: k.abgeleitet,
        wirksam: alsAntwort(k.wirksam),
      })),
    };
  });
  await repo.speichereStand(
    trx,
    ergebnis.map((e) => ({ leistungId: e.leistungId, stufe: e.stufe, offen: e.offeneKriterien })),
  );
  return ergebnis;
}

export type LeistungReifegrad = Awaited<ReturnType<typeof berechneReifegrade>>[number];

/** Records criteria (and the model-2.0 level) of one Leistung, then recomputes it. */
export async function erfasseReifegrad({
  trx,
  leistungId,
  input,
  von,
}: {
  trx: TenantTrx;
  leistungId: string;
  input: ReifegradInput;
  von: string;
}) {
  const werte = Object.entries(input.kriterien ?? {}).map(([kriterium, w]) => ({
    kriterium: kriterium as KriteriumKey,
    wert: (w === null || w === undefined
      ? null
      : w === 'entfaellt'
        ? { entfaellt: true }
        : { stufe: w as Stufe }) as KriteriumWert | null,
    bemerkung: input.bemerkung ?? null,
  }));
  if ((await repo.fakten(trx, leistungId)).length === 0) throw reifegradErrors.leistungNotFound();
  await repo.erfassen(trx, { leistungId, werte, von });
  const [ergebnis] = await berechneReifegrade(trx, leistungId);
  if (!ergebnis) throw reifegradErrors.leistungNotFound();
  if (input.stufe20 !== undefined) {
    await repo.setzeStufe20(trx, { leistungId, stufe20: input.stufe20 });
    ergebnis.stufe20 = input.stufe20;
  }
  return ergebnis;
}

export function createReifegradUsecases({ database }: { database: DatabaseHandle }) {
  return {
    /** The county's Leistungen with level and criteria (recomputed on every read). */
    liste: (principal: Principal) =>
      database.withTenant(principal.tenantId, (trx) => berechneReifegrade(trx)),

    leistung: (principal: Principal, leistungId: string) =>
      database.withTenant(principal.tenantId, async (trx) => {
        const [ergebnis] = await berechneReifegrade(trx, leistungId);
        if (!ergebnis) throw reifegradErrors.leistungNotFound();
        return ergebnis;
      }),

    /** Serviceteam or Kreis-Administration record what the platform cannot derive. */
    erfassen: (principal: Principal, leistungId: string, input: ReifegradInput) => {
      if (!hasRole(principal, 'verbund-admin', 'kreis-admin')) throw reifegradErrors.nurAdministration();
      return database.withTenant(principal.tenantId, async (trx) => {
        const ergebnis = await erfasseReifegrad({ trx, leistungId, input, von: actorOf(principal) });
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'steuerung.reifegrad_erfasst',
          objectType: 'leistung',
          objectId: leistungId,
          data: { kriterien: input.kriterien ?? {}, stufe20: input.stufe20, stufe: ergebnis.stufe },
        });
        return ergebnis;
      });
    },

    /**
     * Leistungen by level per county (table model of the chart): the reader's own county is
     * recomputed first, the others count their stored levels (`stand`: the oldest computation).
     * Which counties appear the database decides (migration 0049): the Serviceteam sees all, a
     * county itself; the last row is the Verbund total.
     */
    verbund: (principal: Principal) =>
      leseVerbundzahlen({
        database,
        principal,
        funktion: 'steuerung_reifegrad_verbund',
        daten: {},
        lesen: async (trx) => {
          await berechneReifegrade(trx);
          const zahlen = await repo.verbund(trx);
          const sichtbar = new Set(zahlen.map((z) => z.tenantId));
          // the Serviceteam's table lists every member (zeros until its levels are first computed)
          const alle = hasRole(principal, 'verbund-admin');
          const mitglieder = (await repo.mitglieder(trx)).filter(
            (m) => alle || sichtbar.has(m.tenantId) || m.tenantId === principal.tenantId,
          );
          const stand = zahlen.reduce<Date | null>((a, z) => (a && a < z.stand ? a : z.stand), null);
          return {
            stufen: STUFEN.map((s) => ({ stufe: s.stufe, name: s.name })),
            landkreise: reifegradTabelle(
              [...mitglieder, { tenantId: VERBUND, name: 'Verbund gesamt' }],
              zahlen,
            ),
            stand: stand?.toISOString() ?? null,
          };
        },
      }),
  };
}

export type ReifegradUsecases = ReturnType<typeof createReifegradUsecases>;
