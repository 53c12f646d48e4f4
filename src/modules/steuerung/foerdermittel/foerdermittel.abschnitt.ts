import type { AbschnittQuelle } from '../ansicht/abschnitte.ts';
import type { FoerdermittelUsecases } from './foerdermittel.usecases.ts';

/** Steuerung section „Ausgaben gegen die Bewilligung“: one bar chart per grant of the own county. */
export function foerdermittelAbschnitt({
  foerdermittel,
}: {
  foerdermittel: FoerdermittelUsecases;
}): AbschnittQuelle {
  return {
    key: 'foerdermittel',
    titel: 'Fördermittel',
    reihenfolge: 50,
    async laden(k) {
      const bewilligungen = await foerdermittel.liste(k.principal);
      const kennzahlen = [];
      for (const [i, b] of bewilligungen.entries()) {
        const tabelle = await foerdermittel.uebersicht(k.principal, b.id);
        kennzahlen.push({
          key: `foerdermittel-${i + 1}`,
          tabelle: { ...tabelle, hinweis: tabelle.hinweis ?? k.beispiel('foerdermittel') },
          beschreibung: `Balken: zuwendungsfähige Ausgaben der Bewilligung ${b.aktenzeichen} (${b.programm}, ${b.von} bis ${b.bis}) gegen die Ausgaben je Kategorie, gesamt, im Zeitraum, noch verfügbar und die Überschreitung.`,
          darstellung: { art: 'balken' as const, reihen: [1] },
          leer: 'Keine Bewilligung erfasst.',
        });
      }
      return {
        text: 'Bewilligungen des eigenen Landkreises (Fördermittel sind Daten des Landkreises, keine Verbundzahlen); Einzelheiten, Belege und Verwendungsnachweis unter /steuerung/foerdermittel.',
        kennzahlen,
      };
    },
  };
}
