import type { Zelle } from '../../../platform/export/tabelle.ts';
import { AppError } from '../../../shared/errors.ts';
import type { KostenUsecases } from '../kosten/kosten.usecases.ts';
import { SCHLUESSEL_ARTEN, type SchluesselArt } from '../kosten/schluessel.models.ts';
import type { AbschnittQuelle, Kennzahl, SteuerungKontext } from './abschnitte.ts';

const SCHLUESSEL_NAME: Record<SchluesselArt, string> = {
  gleich: 'gleiche Teile',
  einwohner: 'Einwohner',
  nutzung: 'Nutzung',
  mix: 'gewichtete Mischung',
};

const euro = (cent: bigint | number | null): Zelle => (cent === null ? null : Number(cent) / 100);

/** Expected refusals (no pool, no population figures) become an empty state, not an error page. */
async function oderHinweis<T>(arbeit: () => Promise<T>): Promise<T | { hinweis: string }> {
  try {
    return await arbeit();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { hinweis: error.messageDe };
    throw error;
  }
}

/**
 * Cost sharing: each member's share of the year's pool, and per join (a member that joined by an
 * amendment) each member's share before and after it under every key. The shares and the usage
 * they rest on are visible to every member: each county must be able to check its share (ThürKGG
 * § 9(4)); the other figures of the Steuerung are detail only the Serviceteam sees.
 */
export function kostenAbschnitt({
  kosten,
  mitglieder,
}: {
  kosten: KostenUsecases;
  mitglieder: () => Promise<
    Array<{ id: string; name: string; kreisschluessel: string; via_amendment: number | null }>
  >;
}): AbschnittQuelle {
  return {
    key: 'kosten',
    titel: 'Kostenverteilung',
    reihenfolge: 10,
    async laden(k: SteuerungKontext) {
      const hinweis = k.beispiel('kosten', 'einwohner');
      // The year split and the members are read at once; founding members have no join to simulate
      // (the use-case would refuse them after two queries each), so only joiners are simulated.
      const [split, liste] = await Promise.all([
        oderHinweis(() => kosten.yearSplit({ principal: k.principal, jahr: k.jahr })),
        mitglieder(),
      ]);
      const jahr: Kennzahl = {
        key: 'kosten-jahr',
        beschreibung: `Anteil jedes Mitglieds am gemeinsamen Kostenpool ${k.jahr} in Euro, nach den im Jahr geltenden Kostenschlüsseln (bei einem Wechsel tageweise anteilig), gerundet nach größtem Rest.`,
        darstellung: { art: 'balken' },
        leer: 'hinweis' in split ? split.hinweis : `Für ${k.jahr} gibt es keine Anteile.`,
        tabelle: {
          titel: `Kostenanteile ${k.jahr}`,
          spalten: [{ name: 'Landkreis' }, { name: 'Anteil', art: 'euro' }],
          zeilen: 'hinweis' in split ? [] : split.anteile.map((a) => [a.name, euro(a.cent)]),
          hinweis,
        },
      };
      if ('hinweis' in split) return { kennzahlen: [jahr] };
      const poolCent = BigInt(split.pool.betrag_cent);
      const beitreter = liste.filter((m) => m.via_amendment !== null);
      // One read of the usage for all keys per joiner (each an audited cross-county call), all at once.
      const simulationen = await Promise.all(
        beitreter.map((m) =>
          oderHinweis(() =>
            kosten.simulateJoinJeSchluessel({
              principal: k.principal,
              kreisschluessel: m.kreisschluessel,
              arten: SCHLUESSEL_ARTEN,
              poolCent,
            }),
          ),
        ),
      );
      const beitritte: Kennzahl[] = [];
      for (const [n, m] of beitreter.entries()) {
        const zeilen: Zelle[][] = [];
        const notizen: string[] = [];
        const je = simulationen[n]!;
        if ('hinweis' in je && /Gründungsmitglied/.test(je.hinweis)) continue;
        for (const [i, art] of SCHLUESSEL_ARTEN.entries()) {
          const r = 'hinweis' in je ? je : je[i]!;
          if (r instanceof AppError && r.status >= 500) throw r;
          if (r instanceof AppError || 'hinweis' in r) {
            notizen.push(`${SCHLUESSEL_NAME[art]}: ${r instanceof AppError ? r.messageDe : r.hinweis}`);
            continue;
          }
          for (const z of r.mitglieder)
            zeilen.push([
              `${z.name} – ${SCHLUESSEL_NAME[art]}`,
              euro(z.vorherCent),
              euro(z.nachherCent),
              euro(z.ersparnisCent),
            ]);
          notizen.push(
            `Break-even (${SCHLUESSEL_NAME[art]}): ${r.breakEvenCent === null ? '–' : `${(Number(r.breakEvenCent) / 100).toFixed(2).replace('.', ',')} €`}`,
          );
          notizen.push(...r.annahmen.filter((a) => !notizen.includes(a)));
        }
        if (zeilen.length === 0 && notizen.length === 0) continue;
        beitritte.push({
          key: `kosten-beitritt-${m.kreisschluessel}`,
          beschreibung: `Anteil jedes Mitglieds am Kostenpool ${k.jahr} vor und nach dem Beitritt von ${m.name}, je Kostenschlüssel, mit der Ersparnis der bisherigen Mitglieder.`,
          darstellung: { art: 'balken', reihen: [1, 2] },
          leer: notizen.join(' ') || 'Keine Werte.',
          tabelle: {
            titel: `Kosten vor und nach dem Beitritt: ${m.name}`,
            spalten: [
              { name: 'Landkreis – Schlüssel' },
              { name: 'vorher', art: 'euro' },
              { name: 'nachher', art: 'euro' },
              { name: 'Ersparnis', art: 'euro' },
            ],
            zeilen,
            hinweis: [...notizen, hinweis].filter(Boolean).join(' · '),
          },
        });
      }
      return { kennzahlen: [jahr, ...beitritte] };
    },
  };
}
