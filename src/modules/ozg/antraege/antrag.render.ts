import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFKitDocument from 'pdfkit';
import type { FormDefinition, FormNode } from '../formulare/form.models.ts';
import { describeData } from '../formulare/form-data.models.ts';

const require = createRequire(import.meta.url);
/** pdfkit, loaded on first use (its import costs about a third of a second in every process). */
let PDFDocument: typeof PDFKitDocument | undefined;
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export type AntragForRender = {
  nummer: string;
  eingang: Date;
  leistung: { name: string; leika: string };
  gemeinde: { ags: string; name: string };
  zustaendig: string;
  formular: { id: string; version: number; title: string } | null;
  definition: FormDefinition | null;
  daten: Record<string, unknown>;
  anlagen: Array<{ dateiname: string; groesse: number }>;
  trackingCode?: string;
};

const dateTime = (d: Date) =>
  d.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });

/**
 * The Antrag as PDF/A-2b (fonts embedded, sRGB output intent, XMP metadata): the form document
 * filed in the E-Akte and, with the tracking code, the citizen's receipt.
 */
export function renderAntragPdf(antrag: AntragForRender, kind: 'formular' | 'quittung'): Promise<Buffer> {
  const title =
    kind === 'quittung'
      ? `Eingangsbestätigung ${antrag.nummer}`
      : `Antrag ${antrag.nummer}: ${antrag.leistung.name}`;
  PDFDocument ??= require('pdfkit') as typeof PDFKitDocument;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    font: FONT,
    info: {
      Title: title,
      Author: antrag.zustaendig,
      Subject: antrag.leistung.name,
      Creator: 'Verbund E-Government',
      Producer: 'Verbund E-Government (pdfkit)',
      CreationDate: antrag.eingang,
    },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc
    .font('bold')
    .fontSize(16)
    .text(kind === 'quittung' ? 'Eingangsbestätigung' : 'Antrag', { continued: false });
  doc.font('regular').fontSize(11).moveDown(0.3).text(antrag.leistung.name);
  doc.moveDown(0.8);
  const meta: Array<[string, string]> = [
    ['Antragsnummer', antrag.nummer],
    ['Eingegangen am', dateTime(antrag.eingang)],
    ['Zuständig', antrag.zustaendig],
    ['Gemeinde', `${antrag.gemeinde.name} (AGS ${antrag.gemeinde.ags})`],
    ['Leistung (LeiKa)', antrag.leistung.leika],
  ];
  if (antrag.formular)
    meta.push([
      'Formular',
      `${antrag.formular.title} (${antrag.formular.id}, Version ${antrag.formular.version})`,
    ]);
  if (antrag.trackingCode) meta.push(['Vorgangscode', antrag.trackingCode]);
  for (const [label, value] of meta) {
    doc.font('bold').fontSize(10).text(`${label}: `, { continued: true });
    doc.font('regular').text(value);
  }
  if (antrag.trackingCode)
    doc
      .moveDown(0.5)
      .fontSize(9)
      .text(
        'Mit dem Vorgangscode können Sie den Stand Ihres Antrags im Bürgerportal unter „Antrag verfolgen“ abrufen. Bewahren Sie ihn gut auf.',
      );
  doc.moveDown(1).font('bold').fontSize(12).text('Ihre Angaben');
  doc.moveDown(0.4);
  const lines = antrag.definition ? describeData(antrag.definition.children as FormNode[], antrag.daten) : [];
  for (const line of lines) {
    const indent = 56 + line.depth * 14;
    if (line.value === undefined)
      doc.font('bold').fontSize(10).text(line.label, indent, undefined, { paragraphGap: 2 });
    else {
      doc.font('regular').fontSize(10).text(`${line.label}: `, indent, undefined, { continued: true });
      doc.font('bold').text(line.value || '–');
    }
  }
  if (antrag.anlagen.length > 0) {
    doc.moveDown(1).font('bold').fontSize(12).text('Anlagen', 56);
    for (const a of antrag.anlagen)
      doc
        .font('regular')
        .fontSize(10)
        .text(`• ${a.dateiname} (${Math.max(1, Math.round(a.groesse / 1024))} KB)`, 56);
  }
  doc.end();
  return done;
}

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!,
  );
const xmlName = (id: string) => (/^[A-Za-z_][\w.-]*$/.test(id) ? id : `_${id.replace(/[^\w.-]/g, '_')}`);

function dataToXml(value: unknown, indent: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return xmlEscape(String(value));
  const entries = Object.entries(value as Record<string, unknown>);
  if ('anlage' in (value as object)) {
    const v = value as { anlage: number; dateiname: string };
    return `<anlage nr="${v.anlage}">${xmlEscape(v.dateiname)}</anlage>`;
  }
  let out = '\n';
  for (const [key, v] of entries)
    for (const item of Array.isArray(v) ? v : [v]) {
      const inner = dataToXml(item, `${indent}  `);
      out += `${indent}  <${xmlName(key)}>${inner}${inner.startsWith('\n') ? `${indent}  ` : ''}</${xmlName(key)}>\n`;
    }
  return out;
}

/** The Antrag's data as XML: elements named by the FIM ids of the form, repeatable elements repeated. */
export function renderAntragXml(antrag: AntragForRender) {
  const attrs = [
    `nummer="${xmlEscape(antrag.nummer)}"`,
    `eingang="${antrag.eingang.toISOString()}"`,
    `leika="${antrag.leistung.leika}"`,
    `gemeinde="${antrag.gemeinde.ags}"`,
    antrag.formular
      ? `formular="${xmlEscape(antrag.formular.id)}" formularVersion="${antrag.formular.version}"`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<antrag xmlns="urn:verbund:antrag:1" ${attrs}>\n  <daten>${dataToXml(antrag.daten, '  ')}  </daten>\n</antrag>\n`;
}
