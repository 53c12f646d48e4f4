import { describe, expect, it } from 'vitest';
import { claimedPng, claimedTiff } from '../../../../test/support/scans.ts';
import { parseHocrPage } from './hocr.ts';
import { readImageHeader } from './image-header.ts';
import { createOcrSlots } from './ocr.slots.ts';
import { hasDigitalSignature, looksBroken } from './pdf-inspect.ts';

describe('image dimensions from the header, before any decoding', () => {
  it('reads a 50,000 × 50,000 PNG of a few hundred bytes without decoding it', () => {
    const png = claimedPng(50_000, 50_000);
    expect(png.length).toBeLessThan(2_000);
    expect(readImageHeader(png, { maxPages: 10 })).toEqual({
      format: 'png',
      pages: [{ width: 50_000, height: 50_000 }],
    });
  });

  it('reads the frame size of a JPEG behind its APP segments', () => {
    const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.alloc(14)]);
    const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x0d, 0xb4, 0x09, 0xb0, 0x03, ...Buffer.alloc(9)]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
    expect(readImageHeader(jpeg, { maxPages: 1 }).pages).toEqual([{ width: 2480, height: 3508 }]);
  });

  it('counts the pages of a multi-page TIFF and stops just past the page limit', () => {
    expect(
      readImageHeader(
        claimedTiff([
          [2480, 3508],
          [2480, 3508],
          [1240, 1754],
        ]),
        { maxPages: 10 },
      ).pages,
    ).toHaveLength(3);
    const many = claimedTiff(Array.from({ length: 50 }, () => [10, 10] as [number, number]));
    expect(readImageHeader(many, { maxPages: 5 }).pages).toHaveLength(6);
  });

  it('calls a TIFF with a loop of IFDs, a truncated IFD or no size corrupt instead of looping', () => {
    expect(() =>
      readImageHeader(
        claimedTiff(
          [
            [10, 10],
            [10, 10],
          ],
          { loop: true },
        ),
        { maxPages: 100 },
      ),
    ).toThrow(/beschädigt/);
    expect(() => readImageHeader(claimedTiff([[10, 10]]).subarray(0, 20), { maxPages: 100 })).toThrow(
      /beschädigt/,
    );
    expect(() => readImageHeader(Buffer.from('II*\0\x08\0\0\0garbage', 'latin1'), { maxPages: 100 })).toThrow(
      /TIFF-Datei ist beschädigt/,
    );
    expect(() =>
      readImageHeader(Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0, 0, 0, 0, 0, 0, 0]), { maxPages: 1 }),
    ).toThrow(/JPEG/);
  });
});

describe('OCR slots: never more Tesseract processes than configured', () => {
  it('grants a document as many slots as it has pages, at most what is free, and queues the rest', async () => {
    const slots = createOcrSlots(2);
    const big = await slots.acquire(20);
    expect(big.slots).toBe(2);
    let granted = 0;
    const waiting = slots.acquire(1).then((grant) => {
      granted = grant.slots;
      return grant;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(granted).toBe(0);
    expect(slots.stats()).toEqual({ free: 0, waiting: 1 });
    big.release();
    big.release(); // a second release gives nothing back twice
    const small = await waiting;
    expect(small.slots).toBe(1);
    expect(slots.stats()).toEqual({ free: 1, waiting: 0 });
    const other = await slots.acquire(1);
    expect(slots.stats().free).toBe(0);
    small.release();
    other.release();
    expect(slots.stats()).toEqual({ free: 2, waiting: 0 });
  });
});

describe('PDFs that must not be rewritten, and broken text layers', () => {
  it('finds a signature dictionary by its /ByteRange next to /Contents', () => {
    const signed = Buffer.from(
      '%PDF-1.7\n5 0 obj << /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 100 200 300] /Contents <3082> >> endobj\n%%EOF',
    );
    expect(hasDigitalSignature(signed)).toBe(true);
    expect(hasDigitalSignature(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'))).toBe(
      false,
    );
  });

  it('calls a text layer of symbols and private-use characters broken, ordinary German text not', () => {
    expect(
      looksBroken('Sehr geehrte Damen und Herren, die Prüfung der Anträge erfolgt gemäß § 9 ThürKGG.'),
    ).toBe(false);
    expect(looksBroken('\uE001\uE002\uE003 '.repeat(40))).toBe(true);
    expect(looksBroken('#$%&/()=?*+~<>|'.repeat(10))).toBe(true);
    expect(looksBroken('kurz')).toBe(false);
  });
});

describe('orientation, skew and confidence from a page hOCR', () => {
  const line = (bbox: string, extra: string, words: string[]) =>
    `<span class='ocr_line' id='l' title="bbox ${bbox}; ${extra}; x_size 40">${words.join('')}</span>`;
  const word = (bbox: string, conf: number) =>
    `<span class='ocrx_word' id='w' title='bbox ${bbox}; x_wconf ${conf}'>Wort</span>`;
  const page = (body: string) =>
    `<div class='ocr_page' id='page_1' title='image "x.png"; bbox 0 0 2479 3508; ppageno 0'>${body}</div>`;

  it('takes the skew of an upright page from the baselines (image y downwards: a rising line has a negative slope)', () => {
    const rising = ['0.5', '1.0', '1.5'].map((n, i) =>
      line(`100 ${300 + i * 60} 1900 ${340 + i * 60}`, 'baseline -0.0437 -5', [
        word('100 300 400 340', Number(n) * 60),
      ]),
    );
    const parsed = parseHocrPage(page(rising.join('')));
    expect(parsed.rotate).toBe(0);
    expect(parsed.skewDegrees).toBeCloseTo(2.5, 1);
    expect(parsed).toMatchObject({ words: 3, confidenceSum: 30 + 60 + 90 });
  });

  it('takes the turn from the lines’ textangle and, without baselines, the skew from the words’ centres', () => {
    // Turned by 90°: lines run upwards; each word 300 px further up lies 13 px further left (2.5°).
    const lines = [400, 500, 600].map((x) =>
      line(`${x - 40} 600 ${x + 40} 2400`, 'textangle 90', [
        word(`${x - 20} 2000 ${x + 20} 2300`, 90),
        word(`${x - 33} 1700 ${x + 7} 2000`, 90),
        word(`${x - 46} 1400 ${x - 6} 1700`, 90),
      ]),
    );
    const parsed = parseHocrPage(page(lines.join('')));
    expect(parsed.rotate).toBe(90);
    expect(parsed.skewDegrees).toBeCloseTo(2.48, 1);
  });

  it('gives no skew from fewer than three long lines and no confidence without words', () => {
    const parsed = parseHocrPage(page(line('100 300 1900 340', 'baseline 0.1 0', [])));
    expect(parsed).toMatchObject({ skewDegrees: 0, words: 0, rotate: 0 });
  });
});
