// Characters outside WinAnsi (the standard fonts' encoding) are replaced, so any German text renders.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const printable = (text: string) =>
  [...text]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(ch))
        return ch;
      return ch === '\t' ? ' ' : '?';
    })
    .join('');

/** pdf-lib, loaded on first use: its import costs about a third of a second of CPU in every process. */
let pdfLib: Promise<typeof import('pdf-lib')> | undefined;

/**
 * Renders plain text as a PDF with a real text layer (A4, Helvetica, wrapped lines, as many pages
 * as needed). Used for demo data and the ingest benchmark.
 */
export async function renderTextPdf(title: string, body: string, options: { maxPages?: number } = {}) {
  pdfLib ??= import('pdf-lib');
  const { PDFDocument, StandardFonts } = await pdfLib;
  const pdf = await PDFDocument.create();
  pdf.setTitle(printable(title));
  pdf.setLanguage('de-DE');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const size = 10.5;
  const width = 595.28;
  const height = 841.89;
  const margin = 64;
  const maxWidth = width - 2 * margin;
  const lines: Array<{ text: string; bold?: boolean }> = [
    { text: printable(title), bold: true },
    { text: '' },
  ];
  for (const paragraph of body.split('\n')) {
    let line = '';
    for (const word of printable(paragraph).split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) > maxWidth && line) {
        lines.push({ text: line });
        line = word;
      } else line = candidate;
    }
    lines.push({ text: line });
  }
  const perPage = Math.floor((height - 2 * margin) / (size * 1.45));
  const pages = Math.min(Math.ceil(lines.length / perPage), options.maxPages ?? 50);
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([width, height]);
    lines.slice(p * perPage, (p + 1) * perPage).forEach((line, i) => {
      page.drawText(line.text, {
        x: margin,
        y: height - margin - i * size * 1.45,
        size: line.bold ? size + 2 : size,
        font: line.bold ? bold : font,
      });
    });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
