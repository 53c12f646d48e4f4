import { istZahlenspalte, type Tabelle, type Zelle } from './tabelle.ts';

/**
 * CSV as German Excel opens it by double-click: UTF-8 with BOM (else umlauts break), `;` as
 * separator (the comma is the decimal sign), decimal comma without thousands separators (so the
 * cell is a number, not text), CRLF line ends, dates as TT.MM.JJJJ. Text that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (CSV injection).
 */
export function tabelleAlsCsv(tabelle: Tabelle): string {
  const kopf = tabelle.spalten.map((spalte) => feld(spalte.name));
  const zeilen = tabelle.zeilen.map((zeile) =>
    tabelle.spalten.map((spalte, i) => {
      const wert: Zelle = zeile[i] ?? null;
      if (wert === null) return '';
      if (typeof wert === 'number') return zahlCsv(wert);
      if (spalte.art === 'datum' && /^\d{4}-\d{2}-\d{2}/.test(wert)) {
        const [y, m, d] = wert.slice(0, 10).split('-');
        return `${d}.${m}.${y}`;
      }
      return feld(istZahlenspalte(spalte) ? wert : entschaerft(wert));
    }),
  );
  return `\uFEFF${[kopf, ...zeilen].map((zeile) => zeile.join(';')).join('\r\n')}\r\n`;
}

/** The exact number with a decimal comma (no rounding: CSV carries the value itself). */
const zahlCsv = (wert: number) => (Number.isFinite(wert) ? String(wert).replace('.', ',') : '');

const entschaerft = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const feld = (text: string) => (/[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
