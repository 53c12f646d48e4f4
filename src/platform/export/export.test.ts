import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportAntwort } from './antwort.ts';
import { tabelleAlsCsv } from './csv.ts';
import type { Tabelle } from './tabelle.ts';
import { tabelleAlsXlsx } from './xlsx.ts';

const tabelle: Tabelle = {
  titel: 'Kosten je Mitglied: vorher/nachher',
  spalten: [
    { name: 'Landkreis' },
    { name: 'Anteil vorher', art: 'euro' },
    { name: 'Anteil nachher', art: 'euro' },
    { name: 'Nachnutzungsgrad', art: 'prozent' },
    { name: 'Anträge', art: 'ganzzahl' },
    { name: 'Beitritt', art: 'datum' },
  ],
  zeilen: [
    ['Nordhausen', 80000, 60000.5, 91.66666666666667, 1234567, '2019-11-27'],
    ['Unstrut-Hainich-Kreis', 80000, 59999.83, 100, 0, null],
    ['=HYPERLINK("x")', null, 1.5, 0.1, -3, '2020-12-31'],
  ],
  hinweis: 'Beispieldaten',
};

describe('table export', () => {
  it('writes CSV for German Excel: BOM, semicolons, decimal comma, exact values, CRLF', () => {
    const csv = tabelleAlsCsv(tabelle);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const zeilen = csv.slice(1).split('\r\n');
    expect(zeilen[0]).toBe('Landkreis;Anteil vorher;Anteil nachher;Nachnutzungsgrad;Anträge;Beitritt');
    expect(zeilen[1]).toBe('Nordhausen;80000;60000,5;91,66666666666667;1234567;27.11.2019');
    expect(zeilen[2]).toBe('Unstrut-Hainich-Kreis;80000;59999,83;100;0;');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('defuses text a spreadsheet would run as a formula and quotes separators', () => {
    const zeilen = tabelleAlsCsv(tabelle).slice(1).split('\r\n');
    expect(zeilen[3]).toBe(`"'=HYPERLINK(""x"")";;1,5;0,1;-3;31.12.2020`);
    const mitSemikolon = tabelleAlsCsv({ titel: 't', spalten: [{ name: 'a;b' }], zeilen: [['x;y']] });
    expect(mitSemikolon).toBe('\uFEFF"a;b"\r\n"x;y"\r\n');
  });

  it('writes an XLSX that opens with the same numbers as numbers, dates as dates and the note', async () => {
    const datei = await tabelleAlsXlsx(tabelle);
    const mappe = new ExcelJS.Workbook();
    await mappe.xlsx.load(datei as unknown as ArrayBuffer);
    const blatt = mappe.worksheets[0];
    if (!blatt) throw new Error('kein Blatt');
    expect(blatt.name).toBe('Kosten je Mitglied vorher nachh');
    expect(blatt.getRow(1).values).toEqual([
      undefined,
      'Landkreis',
      'Anteil vorher',
      'Anteil nachher',
      'Nachnutzungsgrad',
      'Anträge',
      'Beitritt',
    ]);
    tabelle.zeilen.forEach((zeile, z) => {
      zeile.forEach((wert, s) => {
        const zelle = blatt.getCell(z + 2, s + 1).value;
        if (typeof wert === 'number') {
          expect(typeof zelle).toBe('number');
          expect(zelle).toBe(wert);
        } else if (s === 5 && wert) {
          expect(zelle).toEqual(new Date(`${wert}T00:00:00Z`));
        } else {
          expect(zelle ?? null).toBe(wert);
        }
      });
    });
    expect(blatt.getCell(2, 2).numFmt).toBe('#,##0.00 "€"');
    expect(blatt.getCell(2, 4).numFmt).toBe('0.0 "%"');
    expect(blatt.getCell(6, 1).value).toBe('Beispieldaten');
  });

  it('answers a download with type, an ASCII file name and the body', async () => {
    const csv = await exportAntwort({ tabelle, format: 'csv', dateiname: 'Kosten Größe/Ä' });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="Kosten-Groesse-Ae.csv"');
    // Response.text() would drop the BOM; the bytes keep it.
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8')).toBe(tabelleAlsCsv(tabelle));
    const xlsx = await exportAntwort({ tabelle, format: 'xlsx', dateiname: 'kosten' });
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe('PK');
  });
});
