import type { AppError } from '../../../shared/errors.ts';
import { csvEmpty, csvHeaderMissing, csvInvalid } from './aktenplan.errors.ts';
import { type AktenplanUnit, type UnitInput, validateUnit } from './aktenplan.models.ts';

// The Aktenplan as CSV (semicolon-separated, as German spreadsheets write it). Pure functions.

export const AKTENPLAN_CSV_HEADER = [
  'kennzeichen',
  'titel',
  'aufbewahrung_jahre',
  'aussonderung',
  'vertraulichkeit',
];

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = source.split('\n', 1)[0]!.includes(';') ? ';' : ',';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((cell) => cell.trim() !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((cell) => cell.trim() !== '')) rows.push(row);
  return rows;
}

export const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // Cells starting with = + - @ are neutralised so spreadsheets do not run them as formulas.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Reads an Aktenplan CSV: all or nothing; every error names its line. */
export function parseAktenplanCsv(text: string): UnitInput[] {
  const rows = parseCsv(text);
  if (rows.length === 0) throw csvEmpty();
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const missing = ['kennzeichen', 'titel', 'aussonderung'].filter((h) => !header.includes(h));
  if (missing.length > 0) throw csvHeaderMissing(missing, AKTENPLAN_CSV_HEADER);
  const col = (row: string[], name: string) => {
    const i = header.indexOf(name);
    return i >= 0 ? (row[i] ?? '') : undefined;
  };
  const errors: Array<{ zeile: number; fehler: string }> = [];
  const units: UnitInput[] = [];
  rows.slice(1).forEach((row, i) => {
    try {
      units.push(
        validateUnit(
          {
            kennzeichen: col(row, 'kennzeichen'),
            titel: col(row, 'titel'),
            aufbewahrungJahre: col(row, 'aufbewahrung_jahre'),
            aussonderung: col(row, 'aussonderung'),
            vertraulichkeit: col(row, 'vertraulichkeit'),
          },
          i + 2,
        ),
      );
    } catch (error) {
      errors.push({ zeile: i + 2, fehler: (error as AppError).messageDe ?? String(error) });
    }
  });
  const seen = new Set<string>();
  for (const [i, u] of units.entries()) {
    if (seen.has(u.kennzeichen))
      errors.push({ zeile: i + 2, fehler: `Kennzeichen ${u.kennzeichen} doppelt.` });
    seen.add(u.kennzeichen);
  }
  if (errors.length > 0) throw csvInvalid(errors);
  return units;
}

/** The Aktenplan as a CSV file for spreadsheets: BOM, CRLF, `dauernd` for permanent retention. */
export function renderAktenplanCsv(units: AktenplanUnit[]) {
  const lines = [
    AKTENPLAN_CSV_HEADER.join(';'),
    ...units.map((u) =>
      [u.kennzeichen, u.titel, u.aufbewahrungJahre ?? 'dauernd', u.aussonderung, u.vertraulichkeit]
        .map(csvCell)
        .join(';'),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
