/**
 * The one table model behind every figure table, chart and download: a title, typed columns and
 * rows of plain values. Numbers stay numbers here; formatting happens only where people read them
 * (HTML) and as a number format in XLSX, so every export carries the exact same values.
 */
export type SpaltenArt = 'text' | 'ganzzahl' | 'zahl' | 'euro' | 'prozent' | 'tage' | 'datum';

export type Spalte = {
  name: string;
  /** `text` by default; `datum` holds ISO dates ("2020-12-31"); `prozent` holds 91.7 for 91,7 %. */
  art?: SpaltenArt;
  /** Decimal places shown in HTML and in the XLSX number format (defaults per art). */
  nachkommastellen?: number;
};

export type Zelle = string | number | null;

export type Tabelle = {
  titel: string;
  spalten: Spalte[];
  zeilen: Zelle[][];
  /** A note shown under the table and written below the XLSX rows (e.g. "Beispieldaten"). */
  hinweis?: string;
};

const STELLEN: Record<SpaltenArt, number> = {
  text: 0,
  ganzzahl: 0,
  zahl: 2,
  euro: 2,
  prozent: 1,
  tage: 1,
  datum: 0,
};

/** Whether a column holds numbers (right-aligned, numeric in exports). */
export const istZahlenspalte = (spalte: Spalte) =>
  spalte.art !== undefined && spalte.art !== 'text' && spalte.art !== 'datum';

/** Decimal places of a column. */
export const nachkommastellen = (spalte: Spalte) => spalte.nachkommastellen ?? STELLEN[spalte.art ?? 'text'];

// One formatter per decimal setting: building an Intl.NumberFormat costs ~15 times formatting with one,
// and a Steuerung page formats a few thousand numbers (SVG labels and tables).
const formate = new Map<string, Intl.NumberFormat>();
const formatFuer = (min: number, max: number) => {
  const key = `${min}:${max}`;
  let format = formate.get(key);
  if (!format) {
    format = new Intl.NumberFormat('de-DE', { minimumFractionDigits: min, maximumFractionDigits: max });
    formate.set(key, format);
  }
  return format;
};

/** A number as Germans read it, with the column's decimals and unit ("1.234,50 €", "91,7 %"). */
export function zahlDe({ wert, spalte }: { wert: number; spalte: Spalte }) {
  const stellen = nachkommastellen(spalte);
  const text = formatFuer(spalte.art === 'zahl' ? 0 : stellen, stellen).format(wert);
  if (spalte.art === 'euro') return `${text} €`;
  if (spalte.art === 'prozent') return `${text} %`;
  return text;
}

/** A cell as text for people: numbers German, ISO dates as "31.12.2020", empty as a dash. */
export function zelleAlsText({ wert, spalte }: { wert: Zelle; spalte: Spalte }) {
  if (wert === null || wert === '') return '–';
  if (typeof wert === 'number') return zahlDe({ wert, spalte });
  if (spalte.art === 'datum' && /^\d{4}-\d{2}-\d{2}/.test(wert)) {
    const [y, m, d] = wert.slice(0, 10).split('-');
    return `${d}.${m}.${y}`;
  }
  return wert;
}

/** The numbers of one column (nulls and text skipped), for scales and checks. */
export const spaltenwerte = ({ tabelle, spalte }: { tabelle: Tabelle; spalte: number }) =>
  tabelle.zeilen.map((zeile) => zeile[spalte]).filter((wert): wert is number => typeof wert === 'number');
