import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFKitDocument from 'pdfkit';

const require = createRequire(import.meta.url);
/** pdfkit, loaded on first use (its import costs about a third of a second in every process). */
let PDFDocument: typeof PDFKitDocument | undefined;
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export const MARGIN = 56;

/**
 * A document as PDF/A-2b (fonts embedded, sRGB output intent, XMP metadata with pdfaid): pdfkit
 * with DejaVu, so umlauts and „€“ are in the text layer. The creation date is the data's own time,
 * so the same data gives the same file (an unchanged rendition files no new version). Used by the
 * council documents (gremien/dokumente) and the Verwendungsnachweis (steuerung/foerdermittel); the
 * Antrag PDFs (ozg/antraege/antrag.render.ts) still set pdfkit up on their own.
 */
export function createPdfA(meta: { title: string; author: string; subject: string; created: Date }) {
  PDFDocument ??= require('pdfkit') as typeof PDFKitDocument;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + 20 },
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    font: FONT,
    bufferPages: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Creator: 'Verbund E-Government',
      Producer: 'Verbund E-Government (pdfkit)',
      CreationDate: meta.created,
      ModDate: meta.created,
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

  /** Writes the footer („KT/103/2020 Seite 1 von 2“) on every page, then ends the document. */
  function finish(footer: string) {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Inside the bottom margin: without lifting it, pdfkit would start a new page for the footer.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - MARGIN;
      doc
        .font('regular')
        .fontSize(8)
        .text(`${footer}    Seite ${i + 1} von ${range.count}`, MARGIN, y, {
          width: doc.page.width - 2 * MARGIN,
          align: 'right',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return done;
  }

  const heading = (text: string, size = 12) =>
    doc.moveDown(0.8).font('bold').fontSize(size).text(text, MARGIN);
  const paragraph = (text: string | null, fallback = '–') => {
    for (const para of (text?.trim() || fallback).split(/\n{2,}/))
      doc.font('regular').fontSize(10.5).text(para, MARGIN, undefined, { align: 'left', paragraphGap: 6 });
  };
  const field = (label: string, value: string) => {
    doc.font('bold').fontSize(10.5).text(`${label}: `, MARGIN, undefined, { continued: true });
    doc.font('regular').text(value || '–');
  };
  return { doc, finish, heading, paragraph, field };
}

export type PdfA = ReturnType<typeof createPdfA>;

/** 24.06.2020 from an ISO date or a Date (Berlin time). */
export function deDate(value: string | Date | null) {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value;
  return date.toLocaleDateString('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

export const deTime = (value: Date) =>
  value.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });

/** A simple table: columns with widths (points), a bold header row, rows wrapping inside their cells. */
export function table(pdf: PdfA, columns: Array<{ title: string; width: number }>, rows: string[][]) {
  const { doc } = pdf;
  const draw = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(10);
    const height = Math.max(
      ...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: columns[i]!.width - 6 })),
    );
    // A row that does not fit goes to the next page whole (pdfkit would break inside a cell).
    if (doc.y + height + 4 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const width = columns[i]!.width;
      doc.text(cell || ' ', x, y, { width: width - 6 });
      x += width;
    });
    doc.y = y + height + 4;
    doc
      .moveTo(MARGIN, doc.y - 2)
      .lineTo(x, doc.y - 2)
      .lineWidth(0.5)
      .stroke();
  };
  draw(
    columns.map((c) => c.title),
    true,
  );
  for (const row of rows) draw(row, false);
  doc.x = MARGIN;
}
