import { parseCsv } from '../../../shared/csv.ts';
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

// The CSV reader is shared with the bulk import's manifest (src/shared/csv.ts).
export { parseCsv } from '../../../shared/csv.ts';

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
