import type { AbschnittQuelle, SteuerungKontext } from '../ansicht/abschnitte.ts';
import type { NachnutzungUsecases } from './nachnutzung.usecases.ts';

const prozentText = (p: number | null) => (p === null ? '–' : `${String(p).replace('.', ',')} %`);
const heute = () => new Date().toISOString().slice(0, 10);

/**
 * „Nachnutzungsgrad des Verbunds“ on a county's Steuerung page: the Verbund total on the year's
 * last day (or today) and at every month's end, from the function that returns totals only. The
 * Serviceteam sees the same figures with every county's detail in the section „Nachnutzung“.
 */
export function nachnutzungsgradAbschnitt({
  nachnutzung,
}: {
  nachnutzung: NachnutzungUsecases;
}): AbschnittQuelle {
  return {
    key: 'nachnutzungsgrad',
    titel: 'Nachnutzungsgrad des Verbunds',
    reihenfolge: 21,
    async laden(k: SteuerungKontext) {
      if (k.verbundsicht)
        return {
          text: 'Das Serviceteam sieht den Nachnutzungsgrad mit den Zahlen jedes Landkreises im Abschnitt „Nachnutzung“ (Matrix und Verlauf); die Landkreise sehen hier nur die Summe des Verbunds.',
          kennzahlen: [],
        };
      const stichtag = `${k.jahr}-12-31` < heute() ? `${k.jahr}-12-31` : heute();
      const g = await nachnutzung.verbundgrad({ principal: k.principal, stichtag });
      return {
        text: `Nachnutzungsgrad des ganzen Verbunds am ${stichtag}: ${prozentText(g.prozent)} (${g.genutzt} von ${g.moeglich} möglichen Nutzungen durch Landkreise, die ein Artefakt nicht gebaut haben). Die Datenbank gibt dafür nur die Summe heraus, keine Zahl eines anderen Landkreises.`,
        kennzahlen: [
          {
            key: 'nachnutzungsgrad',
            beschreibung:
              'Nachnutzungsgrad des Verbunds am Ende jedes Monats: Nutzungen durch Nicht-Eigentümer geteilt durch Artefakte × (Mitglieder − 1), in Prozent; genutzt = übernommen und im Monat oder den zwei davor genutzt.',
            darstellung: { art: 'linie', maximum: 100, reihen: [1] },
            leer: 'Noch keine geteilten Artefakte.',
            tabelle: {
              titel: 'Nachnutzungsgrad des Verbunds im Zeitverlauf',
              spalten: [
                { name: 'Monat' },
                { name: 'Nachnutzungsgrad', art: 'prozent' },
                { name: 'genutzt', art: 'ganzzahl' },
                { name: 'möglich', art: 'ganzzahl' },
              ],
              zeilen: g.verlauf
                .filter((p) => p.moeglich > 0)
                .map((p) => [p.monat, p.prozent, p.genutzt, p.moeglich]),
              hinweis: k.beispiel('fachverfahren', 'antraege'),
            },
          },
        ],
      };
    },
  };
}
