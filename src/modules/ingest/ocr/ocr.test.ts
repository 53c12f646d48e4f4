import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFHexString, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import {
  characterAccuracy,
  claimedPng,
  claimedTiff,
  imagePdf,
  pdfaProblems,
  pdfText,
  renderScan,
  SCAN_LINES,
  scanPostScript,
} from '../../../../test/support/scans.ts';
import { createScanInbox } from './ocr.fixture.ts';

const run = promisify(execFile);

describe('OCR of scans through upload and the extraction queue (real Tesseract)', () => {
  let t: TestContext;
  let token: string;
  let vorgangId: string;
  beforeAll(async () => {
    ({ t, token, vorgangId } = await createScanInbox());
  }, 120_000);
  afterAll(() => t?.close());

  async function upload(bytes: Uint8Array, name: string) {
    const form = new FormData();
    form.set('datei', new Blob([bytes as BlobPart]), name);
    const response = await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token, body: form });
    expect(response.status).toBe(201);
    return response.json.id as string;
  }
  const dokument = async (id: string) => (await t.request(`/api/v1/dokumente/${id}`, { token })).json;
  const text = async (id: string) =>
    (await t.request(`/api/v1/dokumente/${id}/text`, { token })).json.text as string;
  const ocr = async (id: string) => (await t.request(`/api/v1/dokumente/${id}/ocr`, { token })).json.items[0];
  const rendition = async (id: string) => {
    const response = await t.app.request(`/api/v1/dokumente/${id}/ocr/pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      bytes: Buffer.from(await response.arrayBuffer()),
      etag: response.headers.get('etag'),
    };
  };

  it('stores a scan while Tesseract is missing with „OCR nicht verfügbar“ and reads it once Tesseract appears; the original stays the version, the PDF/A is derived', async () => {
    const png = await renderScan(scanPostScript([SCAN_LINES], { rotate: 1.5, noise: 300 }), 'png');
    const savedPath = process.env.PATH;
    let id: string;
    try {
      // Tesseract "uninstalled": the product finds no tesseract on its PATH.
      process.env.PATH = '/nonexistent';
      t.services.ocr.tools.reset();
      id = await upload(png, 'scan-brief.png');
      await drainJobs(t);
      expect(await ocr(id)).toMatchObject({
        status: 'unavailable',
        grund: expect.stringMatching(/^OCR nicht verfügbar: es fehlt Tesseract/),
      });
      expect((await dokument(id)).textStatus).toBe('done');
      expect(await text(id)).toBe('');
      expect(await t.services.ocr.health()).toMatchObject({ status: 'unavailable' });
      expect(await t.services.ocr.recoverUnavailable()).toBe(0);
    } finally {
      process.env.PATH = savedPath;
      t.services.ocr.tools.reset();
    }
    // Tesseract is back: the recovery round puts the scan into the queue again.
    expect(await t.services.ocr.recoverUnavailable()).toBe(1);
    await drainJobs(t);
    const state = await ocr(id);
    expect(state).toMatchObject({ status: 'done', pdfa: true, signiert: false, seiten: 1, seitenErkannt: 1 });
    expect(state.konfidenz).toBeGreaterThan(70);
    expect(state.originalSha256).toBe(createHash('sha256').update(png).digest('hex'));
    const recognised = await text(id);
    expect(recognised).toContain('Zweckvereinbarung');
    expect(recognised).toMatch(/Grüßen/);
    expect(characterAccuracy(SCAN_LINES.join(' '), recognised)).toBeGreaterThan(0.9);
    // The original is unchanged and still the document's content; the rendition is a PDF/A with a text layer.
    const original = await t.app.request(`/api/v1/dokumente/${id}/inhalt`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(
      createHash('sha256')
        .update(Buffer.from(await original.arrayBuffer()))
        .digest('hex'),
    ).toBe(state.originalSha256);
    const pdf = await rendition(id);
    expect(pdf.status).toBe(200);
    expect(createHash('sha256').update(pdf.bytes).digest('hex')).toBe(state.renditionSha256);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfaProblems(pdf.bytes)).toEqual([]);
    expect(await pdfText(pdf.bytes)).toContain('Zweckvereinbarung');
    // Search finds the scan by a recognised word.
    const search = await t.request(`/api/v1/suche?q=${encodeURIComponent('Übermittlung')}`, { token });
    expect(search.json.items.map((item: { dokumentId: string }) => item.dokumentId)).toContain(id);
  }, 240_000);

  it('reads a two-page TIFF, a scanned PDF, a mixed PDF (only its image page) and leaves a signed PDF unchanged', async () => {
    const page2 = [
      'Seite zwei des Schreibens',
      'Drucksache KT/103/2020 vom 24.06.2020',
      'Bürgerbüro Öffnungszeiten',
    ];
    const tiff = await renderScan(scanPostScript([SCAN_LINES.slice(0, 5), page2]), 'tiff');
    const scanned = await imagePdf(await renderScan(scanPostScript([page2]), 'png'));
    // Mixed: a born-digital page with text and a scanned page.
    const mixed = await PDFDocument.create();
    const font = await mixed.embedFont(StandardFonts.Helvetica);
    mixed.addPage([595, 842]).drawText('Digital erzeugte Seite mit Textebene: Haushaltsplan 2020', {
      x: 50,
      y: 780,
      size: 12,
      font,
    });
    const [imagePage] = await mixed.copyPages(await PDFDocument.load(scanned), [0]);
    mixed.addPage(imagePage!);
    const mixedBytes = Buffer.from(await mixed.save());
    // Signed: a scan that carries a signature dictionary (/ByteRange, /Contents).
    const signedDoc = await PDFDocument.load(scanned);
    const sig = signedDoc.context.obj({ Type: 'Sig', Filter: 'Adobe.PPKLite', ByteRange: [0, 0, 0, 0] });
    sig.set(PDFName.of('Contents'), PDFHexString.of('30820000'));
    signedDoc.catalog.set(PDFName.of('VerbundSig'), signedDoc.context.register(sig));
    const signed = Buffer.from(await signedDoc.save({ useObjectStreams: false }));

    const ids = {
      tiff: await upload(tiff, 'zwei-seiten.tif'),
      scanned: await upload(scanned, 'scan.pdf'),
      mixed: await upload(mixedBytes, 'gemischt.pdf'),
      signed: await upload(signed, 'signiert.pdf'),
    };
    await drainJobs(t);

    expect(await ocr(ids.tiff)).toMatchObject({ status: 'done', seiten: 2, seitenErkannt: 2, pdfa: true });
    const tiffPdf = (await rendition(ids.tiff)).bytes;
    expect(pdfaProblems(tiffPdf)).toEqual([]);
    expect((await PDFDocument.load(tiffPdf)).getPageCount()).toBe(2);
    expect(await text(ids.tiff)).toMatch(/Seite zwei des Schreibens[\s\S]*KT\/103\/2020/);
    expect(await text(ids.tiff)).toContain('Sehr geehrte Damen und Herren');

    expect(await ocr(ids.scanned)).toMatchObject({ status: 'done', seitenErkannt: 1, pdfa: true });
    // A plain scan goes the direct Tesseract path (no OCRmyPDF) and keeps its page size.
    const scannedPdf = (await rendition(ids.scanned)).bytes;
    expect(pdfaProblems(scannedPdf)).toEqual([]);
    expect(scannedPdf.toString('latin1')).toContain('Verbund (pdf-lib)');
    const sizeBefore = (await PDFDocument.load(scanned)).getPage(0).getSize();
    const sizeAfter = (await PDFDocument.load(scannedPdf)).getPage(0).getSize();
    expect(sizeAfter.width).toBeCloseTo(sizeBefore.width, 0);
    expect(sizeAfter.height).toBeCloseTo(sizeBefore.height, 0);
    expect(await text(ids.scanned)).toContain('Bürgerbüro');

    expect(await ocr(ids.mixed)).toMatchObject({ status: 'done', seiten: 2, seitenErkannt: 1 });
    // A mixed PDF stays with OCRmyPDF (--skip-text): its text page is kept as it is.
    expect((await rendition(ids.mixed)).bytes.toString('latin1')).not.toContain('Verbund (pdf-lib)');
    expect(await text(ids.mixed)).toMatch(/Haushaltsplan 2020[\s\S]*Bürgerbüro/);

    const signedState = await ocr(ids.signed);
    expect(signedState).toMatchObject({ status: 'done', signiert: true, renditionSha256: null });
    expect(await text(ids.signed)).toContain('Bürgerbüro');
    expect(signedState.originalSha256).toBe(createHash('sha256').update(signed).digest('hex'));
    expect((await rendition(ids.signed)).status).toBe(404);
  }, 300_000);

  it('refuses bad scans with a clear reason and no crashed worker: corrupt TIFF, zero bytes, 50,000 × 50,000 px, password, 2,000 pages', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-ocr-bad-'));
    const plain = await PDFDocument.create();
    plain.addPage([595, 842]);
    await writeFile(path.join(dir, 'plain.pdf'), await plain.save());
    await run('qpdf', [
      '--encrypt',
      'geheim',
      'geheim',
      '256',
      '--',
      path.join(dir, 'plain.pdf'),
      path.join(dir, 'locked.pdf'),
    ]);
    const locked = await readFile(path.join(dir, 'locked.pdf'));
    const many = await PDFDocument.create();
    for (let i = 0; i < 2_000; i++) many.addPage([595, 842]);

    const started = Date.now();
    const ids = {
      corrupt: await upload(
        Buffer.concat([claimedTiff([[2480, 3508]]).subarray(0, 20), Buffer.from('kaputt')]),
        'kaputt.tif',
      ),
      bomb: await upload(claimedPng(50_000, 50_000), 'riesig.png'),
      tiffBomb: await upload(
        claimedTiff([
          [2480, 3508],
          [60_000, 60_000],
        ]),
        'riesig.tif',
      ),
      locked: await upload(locked, 'kennwort.pdf'),
      many: await upload(Buffer.from(await many.save()), 'zweitausend.pdf'),
    };
    const empty = new FormData();
    empty.set('datei', new Blob([]), 'leer.png');
    const zero = await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token, body: empty });
    await drainJobs(t);

    const failed = async (id: string) => {
      const d = await dokument(id);
      expect(d.textStatus).toBe('failed');
      return d.textFehler as string;
    };
    expect(await failed(ids.corrupt)).toMatch(/TIFF-Datei ist beschädigt/);
    expect(await failed(ids.bomb)).toMatch(
      /zu groß für die Texterkennung \(50\.000 × 50\.000 Bildpunkte, höchstens 100 Megapixel\)/,
    );
    expect(await failed(ids.tiffBomb)).toMatch(/60\.000 × 60\.000/);
    expect(await ocr(ids.bomb)).toMatchObject({ status: 'failed' });
    expect(await failed(ids.locked)).toMatch(/verschlüsselt/);
    expect(await ocr(ids.locked)).toBeUndefined();
    const manyState = await ocr(ids.many);
    expect(manyState).toMatchObject({ status: 'skipped', seiten: 2_000 });
    expect(manyState.grund).toMatch(/2\.000 Seiten, mehr als die 500/);
    // A zero-byte file has no type (application/octet-stream): stored, failed with its reason.
    if (zero.status === 201) expect(await failed(zero.json.id)).toMatch(/leer|keine Textextraktion/);
    else expect(zero.status).toBeGreaterThanOrEqual(400);
    // None of these reached Tesseract: refused from headers and page counts.
    expect(Date.now() - started).toBeLessThan(120_000);
    expect((await t.request('/health')).status).toBe(200);
  }, 180_000);
});
