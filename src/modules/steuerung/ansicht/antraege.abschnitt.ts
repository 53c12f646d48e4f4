import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Zelle } from '../../../platform/export/tabelle.ts';
import { leseVerbundzahlen } from '../verbundzahlen.ts';
import type { AbschnittQuelle, Kennzahl, SteuerungKontext } from './abschnitte.ts';
import { ansichtRepository, type MonatsZeile } from './ansicht.repository.ts';

/** The 12 months of a year, YYYY-MM. */
const monateDes = (jahr: number) =>
  Array.from({ length: 12 }, (_, i) => `${jahr}-${String(i + 1).padStart(2, '0')}`);

/**
 * Anträge per month and processing time Eingang → Bescheid (median and p90 band) per month: per
 * county as far as the database shows them, and always the Verbund total.
 */
export function antraegeAbschnitt({ database }: { database: DatabaseHandle }): AbschnittQuelle {
  return {
    key: 'antraege',
    weitereSchluessel: ['bearbeitungszeit'],
    titel: 'Anträge und Bearbeitungszeiten',
    reihenfolge: 30,
    async laden(k: SteuerungKontext) {
      const von = `${k.jahr}-01-01`;
      const bis = `${k.jahr}-12-31`;
      const zeilen = await leseVerbundzahlen({
        database,
        principal: k.principal,
        funktion: 'steuerung_zeiten_monate',
        daten: { von, bis },
        lesen: (trx) => ansichtRepository.zeitenMonate(trx, { von, bis }),
      });
      const kreise = [...new Set(zeilen.flatMap((z) => (z.tenantId ? [z.tenantId] : [])))].sort((a, b) =>
        (k.namen.get(a) ?? a).localeCompare(k.namen.get(b) ?? b, 'de'),
      );
      const finde = (tenantId: string | null, monat: string) =>
        zeilen.find((z) => z.tenantId === tenantId && z.monat === monat);
      const monate = monateDes(k.jahr);
      const leer = !zeilen.some((z) => z.antraege > 0 || z.beschieden > 0);
      const hinweis = k.beispiel('antraege');
      const antraege: Kennzahl = {
        key: 'antraege-monate',
        beschreibung: `Eingegangene Anträge je Monat ${k.jahr}${kreise.length ? ' je Landkreis' : ''} und im ganzen Verbund.`,
        darstellung: { art: 'balken', reihen: kreise.map((_, i) => i + 1) },
        leer: `Für ${k.jahr} sind keine Anträge eingegangen.`,
        tabelle: {
          titel: `Anträge je Monat ${k.jahr}`,
          spalten: [
            { name: 'Monat' },
            ...kreise.map((id) => ({ name: k.namen.get(id) ?? id, art: 'ganzzahl' as const })),
            { name: 'Verbund gesamt', art: 'ganzzahl' },
          ],
          zeilen: leer
            ? []
            : monate.map((monat): Zelle[] => [
                monat,
                ...kreise.map((id) => finde(id, monat)?.antraege ?? 0),
                finde(null, monat)?.antraege ?? 0,
              ]),
          hinweis,
        },
      };
      if (kreise.length === 0) antraege.darstellung = { art: 'balken' };
      const band = (tenantId: string | null, name: string): Kennzahl => ({
        key: tenantId ? `bearbeitungszeit-${tenantId}` : 'bearbeitungszeit-verbund',
        beschreibung: `Bearbeitungszeit vom Eingang bis zum Bescheid in Tagen, ${name}, je Monat des Bescheids: durchgezogene Linie Median, gestrichelte Linie 90. Perzentil (PERCENTILE.INC), das Band dazwischen.`,
        darstellung: { art: 'band', median: 2, p90: 3 },
        leer: `Für ${k.jahr} gibt es keine Bescheide (${name}).`,
        tabelle: {
          titel: `Bearbeitungszeit ${k.jahr}: ${name}`,
          spalten: [
            { name: 'Monat' },
            { name: 'Bescheide', art: 'ganzzahl' },
            { name: 'Median (Tage)', art: 'tage' },
            { name: '90. Perzentil (Tage)', art: 'tage' },
          ],
          zeilen: zeilen.some((z) => z.tenantId === tenantId && z.beschieden > 0)
            ? monate.map((monat) => {
                const z: MonatsZeile | undefined = finde(tenantId, monat);
                return [monat, z?.beschieden ?? 0, z?.medianTage ?? null, z?.p90Tage ?? null];
              })
            : [],
          hinweis,
        },
      });
      return {
        kennzahlen: [
          antraege,
          band(null, 'Verbund gesamt'),
          ...kreise.map((id) => band(id, k.namen.get(id) ?? id)),
        ],
      };
    },
  };
}
