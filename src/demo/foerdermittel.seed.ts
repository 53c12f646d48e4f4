import { sql } from 'kysely';
import type { BlobStore } from '../modules/blobs/blobs.module.ts';
import { createAkteInTrx, createVorgangInTrx, fileDokument } from '../modules/records/records.module.ts';
import {
  berechneReifegrade,
  erfasseAusgaben,
  erfasseReifegrad,
  legeBewilligungAn,
} from '../modules/steuerung/steuerung.module.ts';
import type { DatabaseHandle, TenantTrx } from '../platform/database/database.ts';

const ACTOR = 'system:demo';
const UHK = 'unstrut-hainich-kreis';

/**
 * The grant the source document names (KT/103/2020): „Dem Unstrut-Hainich-Kreis wurden für die
 * Mitarbeit im interkommunalen Serviceteam bis Ende 2020 rund 143.000 €, überwiegend für
 * Personalkosten, bewilligt“ under the Thuringian e-government funding guideline. Everything else
 * (grantor office, Aktenzeichen, rate, start of the period, every expense) is sample data.
 */
export const DEMO_BEWILLIGUNG = {
  zuwendungsgeber: 'Freistaat Thüringen (Bewilligungsbehörde: Beispieldaten)',
  programm: 'Thüringer Förderrichtlinie für E-Government und IT',
  aktenzeichen: 'EGOV-IT-2020-UHK-01 (Beispiel)',
  zweck: 'Mitarbeit im interkommunalen Serviceteam E-Government, überwiegend Personalkosten',
  foerdersatz: 100,
  zuwendungsfaehig: 143000,
  von: '2020-01-01',
  bis: '2020-12-31',
  sachbericht:
    'Beispieldaten: Das Serviceteam hat 2020 den Leistungskatalog des Verbunds aufgebaut, die ersten Onlinedienste mit FIM-Formularen bereitgestellt und den Beitritt des Wartburgkreises (1. Änderung, KT/103/2020) begleitet.\n\nDie Mittel wurden überwiegend für das Personal des Serviceteams verwendet, daneben für Lizenzen, Schulungen und Arbeitsplatzausstattung.',
};

/** Sample expenses: twelve months of personnel, some material costs, one late invoice without receipt. */
const AUSGABEN: Array<{
  datum: string;
  betrag: number;
  kategorie: 'personal' | 'sachkosten' | 'investition';
  text: string;
  beleg: boolean;
}> = [
  ...Array.from({ length: 12 }, (_, i) => ({
    datum: `2020-${String(i + 1).padStart(2, '0')}-28`,
    betrag: 10400,
    kategorie: 'personal' as const,
    text: `Personalausgaben Serviceteam ${String(i + 1).padStart(2, '0')}/2020`,
    beleg: true,
  })),
  {
    datum: '2020-03-16',
    betrag: 6500,
    kategorie: 'sachkosten',
    text: 'Lizenzen Formularserver',
    beleg: true,
  },
  {
    datum: '2020-05-20',
    betrag: 5900,
    kategorie: 'investition',
    text: 'Arbeitsplatzausstattung',
    beleg: true,
  },
  { datum: '2020-09-10', betrag: 3200, kategorie: 'sachkosten', text: 'Schulung FIM-Methodik', beleg: true },
  {
    datum: '2021-01-20',
    betrag: 450,
    kategorie: 'sachkosten',
    text: 'Reisekosten Abschlusstreffen',
    beleg: false,
  },
];

async function belegAkte(trx: TenantTrx) {
  const { rows } = await sql<{ kennzeichen: string }>`
    select kennzeichen from aktenplan_units where kennzeichen in ('02.20', '00.20') order by kennzeichen desc`.execute(
    trx,
  );
  const akte = await createAkteInTrx(trx, ACTOR, {
    titel: 'Fördermittel E-Government 2020 (Beispieldaten)',
    aktenplan: rows[0]?.kennzeichen ?? '00.20',
  });
  const vorgang = await createVorgangInTrx(trx, ACTOR, akte.id, {
    betreff: 'Verwendungsnachweis Serviceteam 2020 – Belege (Beispieldaten)',
    eingangsdatum: '2020-01-02',
  });
  return { akteId: akte.id, vorgangId: vorgang.id };
}

/** Tells every page showing these figures that they are sample data (S-C's register, migration 0045). */
async function markiereBeispiel(database: DatabaseHandle, bereich: string, hinweis: string) {
  await sql`insert into steuerung_beispieldaten (bereich, hinweis) values (${bereich}, ${hinweis})
    on conflict (bereich) do nothing`.execute(database.db);
}

/** The Unstrut-Hainich-Kreis grant with its receipts filed in the E-Akte (Beispieldaten). */
export async function seedDemoFoerdermittel({
  database,
  blobs,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
}) {
  await markiereBeispiel(
    database,
    'foerdermittel',
    'Die Bewilligung von rund 143.000 € bis Ende 2020 nennt die Beschlussvorlage KT/103/2020; Bewilligungsbehörde, Aktenzeichen, Fördersatz, Beginn des Zeitraums, Ausgaben und Belege sind Beispieldaten.',
  );
  return database.withTenant(UHK, async (trx) => {
    const { akteId, vorgangId } = await belegAkte(trx);
    const ausgaben = [];
    for (const a of AUSGABEN) {
      let belegDokumentId: string | null = null;
      if (a.beleg) {
        const text = `Beispieldaten – Beleg\n${a.text}\nDatum: ${a.datum}\nBetrag: ${a.betrag.toLocaleString('de-DE')} €\n`;
        const blob = await blobs.put(Buffer.from(text, 'utf8'));
        const filed = await fileDokument({
          trx,
          actor: ACTOR,
          vorgang: { id: vorgangId, akteId },
          file: { fileName: `beleg-${a.datum}.txt`, blob },
          fields: { titel: `Beleg ${a.text}`, art: 'eingang', datum: a.datum },
        });
        belegDokumentId = filed.id;
      }
      ausgaben.push({
        datum: a.datum,
        betrag: a.betrag,
        kategorie: a.kategorie,
        text: a.text,
        belegDokumentId,
      });
    }
    const bewilligungId = await legeBewilligungAn({
      trx,
      input: DEMO_BEWILLIGUNG,
      von: ACTOR,
      beispiel: true,
    });
    await erfasseAusgaben({ trx, bewilligungId, ausgaben, von: ACTOR, beispiel: true });
    return { bewilligungId, ausgaben: ausgaben.length };
  });
}

/**
 * Reifegrad of the demo Leistungen per county (Beispieldaten): the platform derives what it can; the
 * rest is recorded so that the levels differ between counties (one limiting criterion each).
 */
export async function seedDemoReifegrad({ database }: { database: DatabaseHandle }) {
  await markiereBeispiel(
    database,
    'reifegrad',
    'Die erfassten Reifegrad-Kriterien der Demo sind Beispieldaten; abgeleitete Kriterien kommen aus den Daten der Plattform.',
  );
  const tenants = (
    await sql<{ id: string }>`select id from tenants order by kreisschluessel`.execute(database.db)
  ).rows;
  // one transaction per county, side by side (each on its own connection)
  await Promise.all(
    tenants.map((tenant, i) =>
      database.withTenant(tenant.id, async (trx) => {
        const leistungen = await berechneReifegrade(trx);
        for (const [j, l] of leistungen.entries()) {
          const ziel = [3, 2, 3, 1, 4][(i + j) % 5]!;
          const basis = ziel === 4 ? 4 : 3;
          await erfasseReifegrad({
            trx,
            leistungId: l.leistungId,
            von: ACTOR,
            input: {
              kriterien: {
                leistungsbeschreibung: 4,
                antragsprozess: ziel === 1 ? 1 : basis,
                nutzerkonto: ziel === 2 ? 2 : basis,
                authentifizierung: basis,
                bezahlung: 'entfaellt',
                nachweise: basis,
                schriftform: 'entfaellt',
                bescheid: basis,
                statusinformation: basis,
                once_only: ziel === 4 ? 4 : ziel === 3 ? 3 : 2,
              },
              stufe20: Math.min(7, ziel + 1),
              bemerkung: 'Beispieldaten',
            },
          });
        }
      }),
    ),
  );
}
