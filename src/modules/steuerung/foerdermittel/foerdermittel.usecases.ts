import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { tabelleAlsCsv } from '../../../platform/export/csv.ts';
import { tabelleAlsXlsx } from '../../../platform/export/xlsx.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { foerdermittelErrors as errors } from './foerdermittel.errors.ts';
import { type Bewilligung, belegliste, pruefeAusgaben, uebersichtTabelle } from './foerdermittel.models.ts';
import { foerdermittelRepository as repo } from './foerdermittel.repository.ts';
import type { AusgabeInput, BewilligungInput } from './foerdermittel.schemas.ts';
import { renderVerwendungsnachweis } from './verwendungsnachweis.render.ts';

const cent = (euro: number) => Math.round(euro * 100);
const euro = (c: number) => c / 100;

/** A Bewilligung with its checked expenses, as the API and the pages show it. */
async function ladeBewilligung(trx: TenantTrx, id: string) {
  const bewilligung = await repo.bewilligung(trx, id);
  if (!bewilligung) throw errors.bewilligungNotFound();
  const pruefung = pruefeAusgaben({ bewilligung, ausgaben: await repo.ausgaben(trx, id) });
  return { bewilligung, pruefung };
}

export function bewilligungAntwort({
  bewilligung,
  pruefung,
}: {
  bewilligung: Bewilligung;
  pruefung: ReturnType<typeof pruefeAusgaben>;
}) {
  const { id, zuwendungsgeber, programm, aktenzeichen, zweck, von, bis, sachbericht, beispiel } = bewilligung;
  return {
    id,
    zuwendungsgeber,
    programm,
    aktenzeichen,
    zweck,
    foerdersatz: bewilligung.foerdersatzBp / 100,
    zuwendungsfaehig: euro(bewilligung.zuwendungsfaehigCent),
    zuwendung: euro(pruefung.zuwendungCent),
    von,
    bis,
    sachbericht,
    beispiel,
    summe: {
      ausgaben: euro(pruefung.summeCent),
      imZeitraum: euro(pruefung.imZeitraumCent),
      rest: euro(pruefung.restCent),
      ueberschreitung: euro(pruefung.ueberschreitungCent),
      gefoerdert: euro(pruefung.gefoerdertCent),
    },
    hinweise: pruefung.hinweise,
    ausgaben: pruefung.ausgaben.map((a) => ({
      id: a.id,
      datum: a.datum,
      betrag: euro(a.betragCent),
      kategorie: a.kategorie,
      text: a.text,
      belegDokumentId: a.belegDokumentId,
      belegTitel: a.belegTitel,
      beispiel: a.beispiel,
      hinweise: a.hinweise,
    })),
  };
}

/** Creates a Bewilligung in the caller's transaction (API, form and demo seed). */
export async function legeBewilligungAn({
  trx,
  input,
  von,
  beispiel = false,
}: {
  trx: TenantTrx;
  input: BewilligungInput;
  von: string;
  beispiel?: boolean;
}) {
  if (input.bis < input.von) throw errors.zeitraum();
  const id = await repo.anlegen(trx, {
    zuwendungsgeber: input.zuwendungsgeber,
    programm: input.programm,
    aktenzeichen: input.aktenzeichen,
    zweck: input.zweck,
    foerdersatzBp: Math.round(input.foerdersatz * 100),
    zuwendungsfaehigCent: cent(input.zuwendungsfaehig),
    von: input.von,
    bis: input.bis,
    sachbericht: input.sachbericht ?? '',
    beispiel,
    createdBy: von,
  });
  if (!id) throw errors.aktenzeichenVergeben(input.aktenzeichen);
  return id;
}

/** Adds expenses; each receipt must be a document of the county's own E-Akte. */
export async function erfasseAusgaben({
  trx,
  bewilligungId,
  ausgaben,
  von,
  beispiel = false,
}: {
  trx: TenantTrx;
  bewilligungId: string;
  ausgaben: AusgabeInput[];
  von: string;
  beispiel?: boolean;
}) {
  if (!(await repo.bewilligung(trx, bewilligungId))) throw errors.bewilligungNotFound();
  for (const beleg of new Set(ausgaben.flatMap((a) => (a.belegDokumentId ? [a.belegDokumentId] : []))))
    if (!(await repo.dokumentVorhanden(trx, beleg))) throw errors.belegNotFound();
  return repo.ausgabenAnlegen(
    trx,
    ausgaben.map((a) => ({
      bewilligungId,
      datum: a.datum,
      betragCent: cent(a.betrag),
      kategorie: a.kategorie,
      text: a.text,
      belegDokumentId: a.belegDokumentId ?? null,
      beispiel,
      createdBy: von,
    })),
  );
}

export function createFoerdermittelUsecases({ database }: { database: DatabaseHandle }) {
  const schreiben = <T>(principal: Principal, work: (trx: TenantTrx) => Promise<T>) => {
    if (!hasRole(principal, 'verbund-admin', 'kreis-admin')) throw errors.nurAdministration();
    return database.withTenant(principal.tenantId, work);
  };
  const audit = (
    trx: TenantTrx,
    principal: Principal,
    action: string,
    objectId: string,
    data: Record<string, unknown>,
  ) =>
    appendAuditEvent(trx, {
      actor: actorOf(principal),
      action: `steuerung.${action}`,
      objectType: 'foerderbewilligung',
      objectId,
      data,
    });

  return {
    liste: (principal: Principal) =>
      database.withTenant(principal.tenantId, async (trx) => {
        const out = [];
        for (const b of await repo.bewilligungen(trx)) {
          const { ausgaben: _, ...kurz } = bewilligungAntwort(await ladeBewilligung(trx, b.id));
          out.push(kurz);
        }
        return out;
      }),

    lesen: (principal: Principal, id: string) =>
      database.withTenant(principal.tenantId, async (trx) =>
        bewilligungAntwort(await ladeBewilligung(trx, id)),
      ),

    anlegen: (principal: Principal, input: BewilligungInput) =>
      schreiben(principal, async (trx) => {
        const id = await legeBewilligungAn({ trx, input, von: actorOf(principal) });
        await audit(trx, principal, 'bewilligung_angelegt', id, {
          aktenzeichen: input.aktenzeichen,
          zuwendungsfaehig: input.zuwendungsfaehig,
        });
        return bewilligungAntwort(await ladeBewilligung(trx, id));
      }),

    sachbericht: (principal: Principal, id: string, sachbericht: string) =>
      schreiben(principal, async (trx) => {
        if (!(await repo.sachbericht(trx, { id, sachbericht }))) throw errors.bewilligungNotFound();
        await audit(trx, principal, 'sachbericht_geaendert', id, { zeichen: sachbericht.length });
        return bewilligungAntwort(await ladeBewilligung(trx, id));
      }),

    ausgabeErfassen: (principal: Principal, id: string, input: AusgabeInput) =>
      schreiben(principal, async (trx) => {
        const [ausgabeId] = await erfasseAusgaben({
          trx,
          bewilligungId: id,
          ausgaben: [input],
          von: actorOf(principal),
        });
        await audit(trx, principal, 'ausgabe_erfasst', id, {
          ausgabeId,
          betrag: input.betrag,
          datum: input.datum,
        });
        return bewilligungAntwort(await ladeBewilligung(trx, id));
      }),

    ausgabeLoeschen: (principal: Principal, id: string, ausgabeId: string) =>
      schreiben(principal, async (trx) => {
        if (!(await repo.ausgabeLoeschen(trx, { bewilligungId: id, id: ausgabeId })))
          throw errors.ausgabeNotFound();
        await audit(trx, principal, 'ausgabe_geloescht', id, { ausgabeId });
        return bewilligungAntwort(await ladeBewilligung(trx, id));
      }),

    /** Verwendungsnachweis: PDF/A (Sachbericht + zahlenmäßiger Nachweis), CSV or XLSX (Belegliste). */
    verwendungsnachweis: (principal: Principal, id: string, format: 'pdf' | 'csv' | 'xlsx') =>
      database.withTenant(principal.tenantId, async (trx) => {
        const geladen = await ladeBewilligung(trx, id);
        const name = `Verwendungsnachweis-${geladen.bewilligung.aktenzeichen}`;
        if (format === 'pdf') {
          const landkreis = await repo.landkreisName(trx);
          return { name, format, bytes: await renderVerwendungsnachweis({ ...geladen, landkreis }) };
        }
        const tabelle = belegliste(geladen);
        const bytes =
          format === 'csv' ? Buffer.from(tabelleAlsCsv(tabelle), 'utf8') : await tabelleAlsXlsx(tabelle);
        return { name, format, bytes };
      }),

    /** The table behind the chart „Ausgaben gegen die Bewilligung“. */
    uebersicht: (principal: Principal, id: string) =>
      database.withTenant(principal.tenantId, async (trx) =>
        uebersichtTabelle(await ladeBewilligung(trx, id)),
      ),
  };
}

export type FoerdermittelUsecases = ReturnType<typeof createFoerdermittelUsecases>;
