import type { Zelle } from '../../../platform/export/tabelle.ts';
import type { NachnutzungUsecases } from '../nachnutzung/nachnutzung.usecases.ts';
import type { AbschnittQuelle, Kennzahl, SteuerungKontext } from './abschnitte.ts';

const EINHEIT = 'aktenplan-einheit';
const WERT = { eigentuemer: 100, genutzt: 100, aktiviert: 50, nicht: 0 } as const;

/**
 * Nachnutzung: the heatmap artifact × county (owners marked) and the Nachnutzungsgrad at every
 * month's end with the joins marked. A county sees its own column only (the database returns no
 * other county's uses), so the grade over time is the Serviceteam's.
 */
export function nachnutzungAbschnitt({ nachnutzung }: { nachnutzung: NachnutzungUsecases }): AbschnittQuelle {
  return {
    key: 'nachnutzung',
    titel: 'Nachnutzung',
    reihenfolge: 20,
    async laden(k: SteuerungKontext) {
      const stichtag = `${k.jahr}-12-31` < heute() ? `${k.jahr}-12-31` : heute();
      // The Serviceteam also gets the grade over time: both from one audited read of the uses.
      const beide = k.verbundsicht
        ? await nachnutzung.matrixUndVerlauf({ principal: k.principal, stichtag })
        : { matrix: await nachnutzung.matrix({ principal: k.principal, stichtag }), verlauf: [] };
      const m = beide.matrix;
      const spalten = k.verbundsicht
        ? m.mitglieder
        : m.mitglieder.filter((x) => x.id === k.principal.tenantId);
      const markiert: Array<{ zeile: number; spalte: number }> = [];
      // The units of the Aktenplan template are many: they get a summary per county, not a row each.
      const einheiten = m.zeilen.filter((z) => z.artefakt.art === EINHEIT);
      const zeilen: Zelle[][] = m.zeilen
        .filter((z) => z.artefakt.art !== EINHEIT)
        .map((z, i) => [
          `${z.artefakt.label} (${m.arten.find((a) => a.art === z.artefakt.art)?.label ?? z.artefakt.art})`,
          ...spalten.map((mitglied, j) => {
            const zelle = z.zellen.find((c) => c.tenantId === mitglied.id)?.zelle ?? 'nicht';
            if (zelle === 'eigentuemer') markiert.push({ zeile: i, spalte: j + 1 });
            return WERT[zelle];
          }),
        ]);
      const hinweis = k.beispiel('fachverfahren', 'antraege');
      const matrix: Kennzahl = {
        key: 'nachnutzung-matrix',
        beschreibung: `Jedes geteilte Artefakt (Zeile) je Landkreis (Spalte) am ${stichtag}: 100 = übernommen und in den letzten 90 Tagen genutzt, 50 = übernommen, aber nicht genutzt, 0 = nicht übernommen; ★ mit dickem Rahmen = Eigentümer (hat es gebaut).${k.verbundsicht ? ` Nachnutzungsgrad: ${m.prozent === null ? '–' : `${String(m.prozent).replace('.', ',')} %`} (${m.genutzt} von ${m.moeglich} möglichen Nutzungen).` : ''}`,
        darstellung: { art: 'heatmap', markiert, markierungText: 'Eigentümer', maximum: 100 },
        leer: 'Noch keine geteilten Artefakte.',
        tabelle: {
          titel: k.verbundsicht
            ? 'Nachnutzung je Artefakt und Landkreis'
            : 'Nachnutzung durch Ihren Landkreis',
          spalten: [
            { name: 'Artefakt' },
            ...spalten.map((s) => ({ name: s.name, art: 'ganzzahl' as const })),
          ],
          zeilen,
          hinweis,
        },
      };
      const zaehle = (id: string, zelle: string) =>
        einheiten.filter((z) => z.zellen.some((c) => c.tenantId === id && c.zelle === zelle)).length;
      const einheitenKennzahl: Kennzahl = {
        key: 'nachnutzung-aktenplan-einheiten',
        beschreibung: `Einheiten des gemeinsamen Aktenplans je Landkreis am ${stichtag}: selbst eingebracht, übernommen und in 90 Tagen genutzt, übernommen ohne Nutzung, nicht übernommen (gestapelt).`,
        darstellung: { art: 'balken', gestapelt: true },
        leer: 'Keine Einheiten eines gemeinsamen Aktenplans.',
        tabelle: {
          titel: 'Aktenplan-Einheiten je Landkreis',
          spalten: [
            { name: 'Landkreis' },
            { name: 'Eigentümer', art: 'ganzzahl' },
            { name: 'genutzt', art: 'ganzzahl' },
            { name: 'übernommen, nicht genutzt', art: 'ganzzahl' },
            { name: 'nicht übernommen', art: 'ganzzahl' },
          ],
          zeilen: einheiten.length
            ? spalten.map((s) => [
                s.name,
                ...(['eigentuemer', 'genutzt', 'aktiviert', 'nicht'] as const).map((z) => zaehle(s.id, z)),
              ])
            : [],
          hinweis,
        },
      };
      if (!k.verbundsicht) return { kennzahlen: [matrix, einheitenKennzahl] };
      const punkte = beide.verlauf;
      const verlauf: Kennzahl = {
        key: 'nachnutzung-verlauf',
        beschreibung:
          'Nachnutzungsgrad am Ende jedes Monats: Nutzungen durch Nicht-Eigentümer geteilt durch Artefakte × (Mitglieder − 1), in Prozent. Gestrichelte Linien markieren die Beitritte.',
        darstellung: {
          art: 'linie',
          maximum: 100,
          reihen: [1],
          markierungen: punkte
            .filter((p) => p.beitritte.length > 0)
            .map((p) => ({ bei: p.monat, text: `Beitritt ${p.beitritte.join(', ')}` })),
        },
        leer: 'Noch keine Mitglieder mit Beitrittsdatum.',
        tabelle: {
          titel: 'Nachnutzungsgrad im Zeitverlauf',
          spalten: [
            { name: 'Monat' },
            { name: 'Nachnutzungsgrad', art: 'prozent' },
            { name: 'genutzt', art: 'ganzzahl' },
            { name: 'möglich', art: 'ganzzahl' },
          ],
          zeilen: punkte.map((p) => [p.monat, p.prozent, p.genutzt, p.moeglich]),
          hinweis,
        },
      };
      return { kennzahlen: [matrix, einheitenKennzahl, verlauf] };
    },
  };
}

const heute = () => new Date().toISOString().slice(0, 10);
