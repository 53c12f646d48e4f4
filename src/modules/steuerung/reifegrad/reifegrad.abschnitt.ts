import type { AbschnittQuelle } from '../ansicht/abschnitte.ts';
import { STUFEN } from './reifegrad.models.ts';
import type { ReifegradUsecases } from './reifegrad.usecases.ts';

/** Steuerung section „Leistungen nach Reifegrad je Landkreis“: a stacked bar per county. */
export function reifegradAbschnitt({ reifegrad }: { reifegrad: ReifegradUsecases }): AbschnittQuelle {
  return {
    key: 'reifegrad',
    titel: 'OZG-Reifegrad der Leistungen',
    reihenfolge: 25,
    async laden(k) {
      const v = await reifegrad.verbund(k.principal);
      return {
        text: `Aktive Leistungen je Landkreis nach Stufe des OZG-Reifegradmodells (Minimum über zehn Kriterien); online ab Stufe 2, OZG-konform ab Stufe 3. Stand der ältesten Berechnung: ${
          v.stand ? new Date(v.stand).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' }) : '–'
        }.`,
        kennzahlen: [
          {
            key: 'reifegrad',
            tabelle: {
              titel: 'Leistungen nach Reifegrad je Landkreis',
              spalten: [
                { name: 'Landkreis' },
                ...STUFEN.map((s) => ({ name: `${s.stufe} ${s.name}`, art: 'ganzzahl' as const })),
                { name: 'online', art: 'ganzzahl' },
                { name: 'OZG-konform', art: 'ganzzahl' },
              ],
              zeilen: v.landkreise
                .filter((l) => l.gesamt > 0)
                .map((l) => [l.name, ...l.jeStufe, l.online, l.ozgKonform]),
              hinweis: k.beispiel('reifegrad'),
            },
            beschreibung:
              'Gestapelte Balken: je Landkreis die Zahl der aktiven Leistungen auf den Stufen 0 bis 4; die letzte Zeile ist die Summe des Verbunds.',
            darstellung: { art: 'balken', gestapelt: true, reihen: [1, 2, 3, 4, 5] },
            leer: 'Noch kein Reifegrad berechnet.',
          },
        ],
      };
    },
  };
}
