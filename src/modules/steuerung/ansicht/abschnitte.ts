import type { Tabelle } from '../../../platform/export/tabelle.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import type { Markierung, StatusrasterModell } from '../../../platform/ui/charts/charts.ts';

/** How a figure table is drawn; every one also shows (and exports) the table itself. */
export type Darstellung =
  | { art: 'balken'; gestapelt?: boolean; reihen?: number[] }
  | { art: 'linie'; markierungen?: Markierung[]; maximum?: number; reihen?: number[] }
  | {
      art: 'heatmap';
      markiert: Array<{ zeile: number; spalte: number }>;
      markierungText: string;
      maximum?: number;
    }
  | { art: 'band'; median: number; p90: number }
  | { art: 'status'; modell: StatusrasterModell; zeilenTitel: string }
  | { art: 'tabelle' };

/** One figure of the Steuerung: its table (also for CSV/XLSX/API), how it is drawn, its empty state. */
export type Kennzahl = {
  /** Unique over all sections, in URLs: lowercase letters, digits, dashes. */
  key: string;
  tabelle: Tabelle;
  beschreibung: string;
  darstellung: Darstellung;
  leer: string;
};

export type Abschnitt = { key: string; titel: string; text?: string; kennzahlen: Kennzahl[] };

/** What a section is loaded for: the caller, the year, and what the database lets them see. */
export type SteuerungKontext = {
  principal: Principal;
  jahr: number;
  /** true: the database shows this caller every county (Serviceteam); false: own county + totals. */
  verbundsicht: boolean;
  /** Names of the member counties by id (Verbund-level, public). */
  namen: Map<string, string>;
  /** The sample-data note of the given areas (demo), if any of them is sample data. */
  beispiel: (...bereiche: string[]) => string | undefined;
};

/**
 * A section of the Steuerung pages and API. Built-in: Kosten, Nachnutzung, Anträge, Anbindungen;
 * other parts of the module add theirs (Reifegrad, Fördermittel) with `register`.
 */
export type AbschnittQuelle = {
  key: string;
  titel: string;
  /** Position on the page (10, 20, …). */
  reihenfolge: number;
  /** Key prefixes of its figures besides its own key (a figure key is `<prefix>` or `<prefix>-…`). */
  weitereSchluessel?: string[];
  laden: (kontext: SteuerungKontext) => Promise<{ text?: string; kennzahlen: Kennzahl[] }>;
};

export function createAbschnittRegister(eingebaut: AbschnittQuelle[] = []) {
  const quellen = new Map<string, AbschnittQuelle>(eingebaut.map((q) => [q.key, q]));
  return {
    register(quelle: AbschnittQuelle) {
      if (quellen.has(quelle.key)) throw new Error(`Steuerung section ${quelle.key} registered twice`);
      quellen.set(quelle.key, quelle);
    },
    alle: () => [...quellen.values()].sort((a, b) => a.reihenfolge - b.reihenfolge),
    /** The section a figure key belongs to. */
    zu: (key: string) =>
      [...quellen.values()].find((q) =>
        [q.key, ...(q.weitereSchluessel ?? [])].some((p) => key === p || key.startsWith(`${p}-`)),
      ),
  };
}

export type AbschnittRegister = ReturnType<typeof createAbschnittRegister>;
