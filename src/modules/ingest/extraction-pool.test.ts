import { afterAll, describe, expect, it } from 'vitest';
import { renderTextPdf } from '../records/dokumente/text-pdf.ts';
import { createExtractionPool } from './extraction-pool.ts';
import { ExtractionError } from './extractors.ts';

const pools: Array<ReturnType<typeof createExtractionPool>> = [];
const pool = (options?: Parameters<typeof createExtractionPool>[0]) => {
  const created = createExtractionPool(options);
  pools.push(created);
  return created;
};
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('extraction parser pool', () => {
  it('extracts in parser processes with the same results and errors as in-process', async () => {
    const threads = pool({ size: 2 });
    const pdf = await renderTextPdf('Bescheid', 'Wohngeldbescheid für Familie Schäfer in Mühlhausen.');
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        threads.extract({ bytes: pdf, mime: 'application/pdf', fileName: 'b.pdf' }),
      ),
    );
    for (const r of results) expect(r.text).toContain('Wohngeldbescheid für Familie Schäfer in Mühlhausen.');
    const broken = threads.extract({
      bytes: Buffer.from('%PDF-1.7 kaputt'),
      mime: 'application/pdf',
      fileName: 'x.pdf',
    });
    await expect(broken).rejects.toBeInstanceOf(ExtractionError);
    await expect(broken).rejects.toMatchObject({ reasonCode: 'pdf.malformed' });
  });

  it('kills a parser that takes too long, fails that file with a reason, and keeps working', async () => {
    const threads = pool({ size: 1, timeoutMs: 1 });
    const pdf = await renderTextPdf('Lang', 'x '.repeat(2000));
    await expect(
      threads.extract({ bytes: pdf, mime: 'application/pdf', fileName: 'a.pdf' }),
    ).rejects.toMatchObject({
      reasonCode: 'limit.time',
    });
    const patient = pool({ size: 1, timeoutMs: 30_000 });
    const text = await patient.extract({
      bytes: Buffer.from('Danach geht es weiter.'),
      mime: 'text/plain',
      fileName: 't.txt',
    });
    expect(text.text).toBe('Danach geht es weiter.');
    // The killed pool starts a fresh parser for the next file.
    await expect(
      threads.extract({ bytes: pdf, mime: 'application/pdf', fileName: 'a.pdf' }),
    ).rejects.toMatchObject({
      reasonCode: 'limit.time',
    });
  });

  it('runs registered extractors (e.g. OCR) first, on the main thread', async () => {
    const threads = pool({ size: 1 });
    threads.register({
      name: 'ocr',
      accepts: (m) => m === 'image/png',
      extract: async () => ({ text: 'erkannt', extractor: 'ocr' }),
    });
    expect(
      (await threads.extract({ bytes: Buffer.from([1]), mime: 'image/png', fileName: 'a.png' })).text,
    ).toBe('erkannt');
    expect(threads.list()[0]).toBe('ocr');
  });
});
