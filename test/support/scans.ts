import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';

const run = promisify(execFile);

/** German text of a letter (with umlauts and ß) for generated scans: the known text OCR is measured against. */
export const SCAN_LINES = [
  'Landratsamt Unstrut-Hainich-Kreis',
  'Lindenbühl 28/29, 99974 Mühlhausen',
  'Mühlhausen, den 24. Juni 2020',
  'Betreff: Änderung der Zweckvereinbarung',
  'Sehr geehrte Damen und Herren,',
  'die Gebühren für die Übermittlung größerer Dateien werden künftig',
  'über das Serviceteam abgerechnet. Die Prüfung der Anträge erfolgt',
  'gemäß dem Thüringer Gesetz über die kommunale Gemeinschaftsarbeit.',
  'Außenstände sind bis zum Monatsende auszugleichen.',
  'Straße, Größe, Fußgänger, Äußerung, Öffentlichkeit, übermäßig.',
  'Mit freundlichen Grüßen',
];

const psEscape = (line: string) =>
  [...Buffer.from(line, 'latin1')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      if ('()\\'.includes(char)) return `\\${char}`;
      return byte > 126 ? `\\${byte.toString(8).padStart(3, '0')}` : char;
    })
    .join('');

/**
 * PostScript of A4 pages with the given lines (Helvetica, ISO Latin-1, 11 pt), each page turned by
 * `rotate` degrees and sprinkled with `noise` random dots: what a slightly skewed, dusty scan looks like.
 * `turn` (90, 180, 270) lays the whole sheet on the scanner turned counter-clockwise by that much
 * (landscape for 90 and 270): a page fed sideways or upside down.
 */
export function scanPostScript(
  pages: string[][],
  {
    rotate = 0,
    noise = 0,
    seed = 1,
    turn = 0,
  }: { rotate?: number; noise?: number; seed?: number; turn?: 0 | 90 | 180 | 270 } = {},
) {
  const [width, height] = turn % 180 ? [842, 595] : [595, 842];
  const head = `%!PS
/Helvetica findfont dup length dict begin {1 index /FID ne {def} {pop pop} ifelse} forall
/Encoding ISOLatin1Encoding def currentdict end /HelvL1 exch definefont pop
<< /PageSize [${width} ${height}] >> setpagedevice
${seed} srand
`;
  const body = pages
    .map((lines) => {
      const text = lines.map((line, i) => `60 ${770 - i * 18} moveto (${psEscape(line)}) show`).join('\n');
      const dots = noise > 0 ? `1 1 ${noise} { pop rand 595 mod rand 842 mod 0.5 0.5 rectfill } for\n` : '';
      return `gsave ${width / 2} ${height / 2} translate ${turn + rotate} rotate -297 -421 translate
/HelvL1 findfont 11 scalefont setfont
${text}
${dots}grestore showpage`;
    })
    .join('\n');
  return `${head}${body}\n`;
}

/** Renders PostScript at 300 dpi with Ghostscript: `png` (first page), `tiff` (all pages, G4) or `jpeg`. */
export async function renderScan(
  postscript: string,
  format: 'png' | 'tiff' | 'jpeg',
  { dpi = 300 }: { dpi?: number } = {},
) {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbund-scan-'));
  try {
    await writeFile(path.join(dir, 'in.ps'), postscript, 'latin1');
    const device = { png: 'pnggray', tiff: 'tiffg4', jpeg: 'jpeggray' }[format];
    const out = path.join(dir, `out.${format}`);
    await run('gs', [
      '-q',
      '-dSAFER',
      '-dNOPAUSE',
      '-dBATCH',
      `-sDEVICE=${device}`,
      `-r${dpi}`,
      `-sOutputFile=${out}`,
      path.join(dir, 'in.ps'),
    ]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An image-only PDF (a scanner's output) made from an image with img2pdf. */
export async function imagePdf(image: Buffer) {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbund-scan-'));
  try {
    await writeFile(path.join(dir, 'in.img'), image);
    await run('img2pdf', ['-o', path.join(dir, 'out.pdf'), path.join(dir, 'in.img')]);
    return await readFile(path.join(dir, 'out.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Text of a PDF's text layer (pdftotext), to check what a rendition carries. */
export async function pdfText(pdf: Buffer) {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbund-scan-'));
  try {
    await writeFile(path.join(dir, 'in.pdf'), pdf);
    return (await run('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'in.pdf'), '-'])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What every PDF/A rendition is checked for (as the council and Antrag PDFs are): PDF/A-2b
 * identification in the XMP, an OutputIntent with an embedded ICC profile, embedded fonts, a
 * document ID, a header with the binary comment line. Returns what is missing (empty: all there).
 */
export function pdfaProblems(pdf: Buffer) {
  const raw = pdf.toString('latin1');
  const checks: Array<[string, boolean]> = [
    ['Kopf %PDF-1.x mit Binärkommentar', /^%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}/.test(raw)],
    ['pdfaid:part 2', /pdfaid:part(>|=")2/.test(raw)],
    ['pdfaid:conformance B', /pdfaid:conformance(>|=")B/.test(raw)],
    ['OutputIntent GTS_PDFA1 mit Profil', /\/GTS_PDFA1/.test(raw) && raw.includes('/DestOutputProfile')],
    ['eingebettete Schrift', raw.includes('/FontFile2')],
    ['Dokument-ID', /\/ID \[ ?<[0-9A-Fa-f]{32}> ?<[0-9A-Fa-f]{32}> ?\]/.test(raw)],
  ];
  return checks.filter(([, ok]) => !ok).map(([name]) => name);
}

/** Character accuracy: 1 − Levenshtein distance / length of the known text (whitespace folded). */
export function characterAccuracy(known: string, recognised: string) {
  const a = known.replace(/\s+/g, ' ').trim();
  const b = recognised.replace(/\s+/g, ' ').trim();
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return Math.max(0, 1 - previous[b.length]! / a.length);
}

/** A PNG whose header claims width × height; its single IDAT holds one compressed row only (a few bytes). */
export function claimedPng(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + Math.min(width, 4096)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A little-endian TIFF with one IFD per page (width, height as LONG), chained; `loop` points the last back at the first. */
export function claimedTiff(pages: Array<[number, number]>, { loop = false } = {}) {
  const ifdSize = 2 + 2 * 12 + 4;
  const buffer = Buffer.alloc(8 + pages.length * ifdSize);
  buffer.write('II*\0', 0, 'latin1');
  buffer.writeUInt32LE(8, 4);
  pages.forEach(([width, height], i) => {
    const at = 8 + i * ifdSize;
    buffer.writeUInt16LE(2, at);
    for (const [n, [tag, value]] of [
      [256, width],
      [257, height],
    ].entries()) {
      buffer.writeUInt16LE(tag!, at + 2 + n * 12);
      buffer.writeUInt16LE(4, at + 4 + n * 12);
      buffer.writeUInt32LE(1, at + 6 + n * 12);
      buffer.writeUInt32LE(value!, at + 10 + n * 12);
    }
    const next = i + 1 < pages.length ? at + ifdSize : loop ? 8 : 0;
    buffer.writeUInt32LE(next, at + 2 + 24);
  });
  return buffer;
}
