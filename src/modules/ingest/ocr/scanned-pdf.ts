import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { execTool } from './ocr.exec.ts';

/** One page of a plain scan: its image's pixel size and the page's size in points. */
export type ScannedPage = {
  pixels: { width: number; height: number };
  size: { width: number; height: number };
};

/** An image filling its page to within this share counts as the page (scanners place it at 0 0). */
const COVER = 0.03;

/**
 * Whether a PDF is a plain scan — every page exactly one image (no masks, no CMYK JPEG) that fills
 * the page — read from `pdfimages -list` and `pdfinfo` (poppler, a few hundredths of a second).
 * Only such PDFs go the direct Tesseract path; mixed PDFs, vector pages, masks keep OCRmyPDF.
 * Null when it is not one, or when an image has more than `maxPixels` (OCRmyPDF refuses it then).
 */
export async function scannedPdfPages({
  pdf,
  env,
  timeoutMs,
  maxPixels,
}: {
  pdf: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxPixels: number;
}): Promise<ScannedPage[] | null> {
  const count = await execTool('pdfinfo', [pdf], { env, timeoutMs });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(count.stdout)?.[1] ?? 0);
  if (count.code !== 0 || pages === 0) return null;
  const [info, list] = await Promise.all([
    execTool('pdfinfo', ['-f', '1', '-l', String(pages), pdf], { env, timeoutMs }),
    execTool('pdfimages', ['-list', pdf], { env, timeoutMs }),
  ]);
  if (info.code !== 0 || list.code !== 0) return null;
  const sizes = new Map<number, { width: number; height: number }>();
  for (const m of info.stdout.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm))
    sizes.set(Number(m[1]), { width: Number(m[2]), height: Number(m[3]) });
  const images = new Map<number, ScannedPage[]>();
  for (const row of list.stdout.split('\n').slice(2)) {
    const cols = row.trim().split(/\s+/);
    if (cols.length < 14) continue;
    const [page, , type, width, height, color, , , enc, , , , xppi, yppi] = cols;
    const size = sizes.get(Number(page));
    const pixels = { width: Number(width), height: Number(height) };
    const fills =
      size &&
      Math.abs((pixels.width * 72) / Number(xppi) - size.width) <= size.width * COVER &&
      Math.abs((pixels.height * 72) / Number(yppi) - size.height) <= size.height * COVER;
    if (type !== 'image' || !fills || (enc === 'jpeg' && color === 'cmyk')) return null;
    if (pixels.width * pixels.height > maxPixels) return null;
    images.set(Number(page), [...(images.get(Number(page)) ?? []), { pixels, size }]);
  }
  const result: ScannedPage[] = [];
  for (let page = 1; page <= pages; page++) {
    const onPage = images.get(page);
    if (onPage?.length !== 1) return null;
    result.push(onPage[0]!);
  }
  return result;
}

/**
 * The pages' images as files Tesseract reads, unchanged where possible: JPEG as JPEG (Tesseract's
 * PDF renderer embeds it as it is), everything else (Flate, CCITT, JBIG2, JPEG 2000) as PNG.
 */
export async function extractPageImages({
  pdf,
  pages,
  dir,
  env,
  timeoutMs,
}: {
  pdf: string;
  pages: ScannedPage[];
  dir: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}) {
  const out = path.join(dir, 'images');
  const result = await execTool('pdfimages', ['-j', '-png', pdf, `${out}/img`], { env, timeoutMs });
  const files = (await readdir(out).catch(() => [] as string[]))
    .filter((name) => name.startsWith('img-'))
    .sort();
  if (result.code !== 0 || files.length !== pages.length) return null;
  return pages.map((page, index) => ({
    source: path.join(out, files[index]!),
    page: null,
    pixels: page.pixels,
    size: page.size,
  }));
}
