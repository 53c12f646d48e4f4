import { nachkommastellen, type Spalte, type Tabelle } from './tabelle.ts';

/**
 * One worksheet per table: a bold header row, numbers as numbers with a German-looking number
 * format (the value itself is exact), ISO dates as real dates, the note (e.g. "Beispieldaten")
 * two rows below the data.
 */
export async function tabelleAlsXlsx(tabelle: Tabelle): Promise<Buffer> {
  // Loaded on first use: importing exceljs costs about half a second of CPU in every process.
  const { default: ExcelJS } = await import('exceljs');
  const mappe = new ExcelJS.Workbook();
  mappe.creator = 'Verbund';
  const blatt = mappe.addWorksheet(blattname(tabelle.titel));
  blatt.columns = tabelle.spalten.map((spalte) => ({
    header: spalte.name,
    width: Math.min(40, Math.max(12, spalte.name.length + 2)),
    style: zahlenformat(spalte) ? { numFmt: zahlenformat(spalte) } : {},
  }));
  blatt.getRow(1).font = { bold: true };
  blatt.views = [{ state: 'frozen', ySplit: 1 }];
  for (const zeile of tabelle.zeilen) {
    blatt.addRow(
      tabelle.spalten.map((spalte, i) => {
        const wert = zeile[i] ?? null;
        if (spalte.art === 'datum' && typeof wert === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(wert)) {
          return new Date(`${wert}T00:00:00Z`);
        }
        return wert;
      }),
    );
  }
  if (tabelle.hinweis) {
    blatt.addRow([]);
    blatt.addRow([tabelle.hinweis]).font = { italic: true };
  }
  return Buffer.from(await mappe.xlsx.writeBuffer());
}

function zahlenformat(spalte: Spalte): string | undefined {
  const stellen = nachkommastellen(spalte);
  const dezimal = stellen > 0 ? `.${'0'.repeat(stellen)}` : '';
  switch (spalte.art) {
    case 'ganzzahl':
      return '#,##0';
    case 'zahl':
    case 'tage':
      return `#,##0${dezimal}`;
    case 'euro':
      return `#,##0${dezimal} "€"`;
    case 'prozent':
      // The value is 91.7 for 91,7 % (as on the page), so the % sign is literal text.
      return `0${dezimal} "%"`;
    case 'datum':
      return 'dd.mm.yyyy';
    default:
      return undefined;
  }
}

/** Excel allows 31 characters and none of : \ / ? * [ ] in a sheet name. */
const blattname = (titel: string) =>
  titel
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, 31)
    .trim() || 'Tabelle';
