import { tabelleAlsCsv } from './csv.ts';
import type { Tabelle } from './tabelle.ts';
import { tabelleAlsXlsx } from './xlsx.ts';

export const EXPORT_FORMATE = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATE)[number];

const TYPEN: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A download of a table as CSV or XLSX, with a file name from `dateiname` (ASCII-safe). */
export async function exportAntwort({
  tabelle,
  format,
  dateiname,
}: {
  tabelle: Tabelle;
  format: ExportFormat;
  dateiname: string;
}): Promise<Response> {
  const body = format === 'csv' ? tabelleAlsCsv(tabelle) : new Uint8Array(await tabelleAlsXlsx(tabelle));
  const name = `${sicherDateiname(dateiname)}.${format}`;
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': TYPEN[format],
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
  });
}

const sicherDateiname = (name: string) =>
  name
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'tabelle';
