import { strToU8, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderTextPdf } from '../records/dokumente/text-pdf.ts';
import { detectContentType, safeFileName } from './content-type.ts';
import { createExtractorRegistry, ExtractionError } from './extractors.ts';

const registry = createExtractorRegistry();
const extract = (bytes: Buffer | Uint8Array, name: string) => {
  const buffer = Buffer.from(bytes);
  return registry.extract({
    bytes: buffer,
    mime: detectContentType(buffer.subarray(0, 4096), name).mime,
    fileName: name,
  });
};
const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractionError);
    return error as ExtractionError;
  }
  throw new Error('expected an ExtractionError');
};

const docx = (documentXml: string) =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
      'word/document.xml': strToU8(documentXml),
    }),
  );
const W = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;

describe('content type from content, not name', () => {
  it('detects PDF, Office, e-mail, HTML, text and images by their bytes', async () => {
    const pdf = await renderTextPdf('T', 'x');
    expect(detectContentType(pdf.subarray(0, 4096), 'bild.png').mime).toBe('application/pdf');
    expect(detectContentType(docx(W('<w:p/>')).subarray(0, 4096), 'x.bin').mime).toMatch(/wordprocessingml/);
    const odt = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }] });
    expect(detectContentType(Buffer.from(odt), 'a.docx').mime).toBe(
      'application/vnd.oasis.opendocument.text',
    );
    expect(
      detectContentType(Buffer.from('From: a@b.de\r\nTo: c@d.de\r\nSubject: Hallo\r\n\r\nText'), 'x.txt')
        .mime,
    ).toBe('message/rfc822');
    expect(detectContentType(Buffer.from('<!DOCTYPE html><html><body>x</body></html>'), 'a.pdf').mime).toBe(
      'text/html',
    );
    expect(detectContentType(Buffer.from('Einfacher Text mit Umlauten: äöü'), 'programm.exe').mime).toBe(
      'text/plain',
    );
    expect(detectContentType(Buffer.from('a;b\n1;2\n'), 'liste.csv').mime).toBe('text/csv');
    expect(
      detectContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'a.txt').mime,
    ).toBe('image/png');
    expect(detectContentType(Buffer.from([0, 1, 2, 3, 0xff, 0xfe]), 'a.txt').mime).toBe(
      'application/octet-stream',
    );
  });

  it('sanitises file names', () => {
    expect(safeFileName('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(safeFileName('C:\\Users\\x\\Bericht.pdf', 'pdf')).toBe('Bericht.pdf');
    expect(safeFileName('\u0000evil<>.pdf', 'pdf')).toBe('evil.pdf');
    expect(safeFileName('Prüfbericht Ä.pdf', 'pdf')).toBe('Prüfbericht Ä.pdf');
    expect(safeFileName('', 'pdf')).toBe('dokument.pdf');
    expect(safeFileName('...', 'txt')).toBe('dokument.txt');
    const long = safeFileName(`${'ä'.repeat(400)}.pdf`, 'pdf');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(154);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('extractors', () => {
  it('reads the text layer of a PDF, with umlauts and page count', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage().drawText('Zweckvereinbarung über das Serviceteam', { x: 50, y: 700, font, size: 12 });
    pdf.addPage().drawText('Änderung KT/103/2020 Straße', { x: 50, y: 700, font, size: 12 });
    const result = await extract(await pdf.save(), 'vorlage.pdf');
    expect(result.pages).toBe(2);
    expect(result.text).toContain('Zweckvereinbarung über das Serviceteam');
    expect(result.text).toContain('Änderung KT/103/2020 Straße');
  });

  it('marks a PDF without text layer for OCR', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage().drawRectangle({ x: 10, y: 10, width: 100, height: 100 });
    const result = await extract(await pdf.save(), 'scan.pdf');
    expect(result.text).toBe('');
    // pagesWithoutText: the pages the OCR reads (only those of a mixed PDF).
    expect(result.metadata).toEqual({ needsOcr: 'true', pagesWithoutText: '1' });
  });

  it('fails malformed, truncated and empty PDFs with a reason instead of crashing', async () => {
    const good = await renderTextPdf('Bescheid', 'Gebührenbescheid');
    for (const bad of [
      good.subarray(0, Math.floor(good.length / 2)),
      Buffer.from('%PDF-1.7\n\u00ff\u0001 garbage'),
    ]) {
      const error = await failure(extract(bad, 'x.pdf'));
      expect(error.reasonCode).toBe('pdf.malformed');
      expect(error.message).toMatch(/PDF-Datei ist beschädigt/);
    }
    expect(
      (
        await failure(
          registry.extract({ bytes: Buffer.alloc(0), mime: 'application/pdf', fileName: 'x.pdf' }),
        )
      ).reasonCode,
    ).toBe('empty');
  });

  it('reads DOCX paragraphs and entities, and refuses DTDs and zip bombs', async () => {
    const result = await extract(
      docx(
        W(
          '<w:p><w:r><w:t>Gebührenbescheid für Müller</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Straße &amp; Weg</w:t></w:r><w:r><w:tab/><w:t>Ende</w:t></w:r></w:p>',
        ),
      ),
      'bescheid.docx',
    );
    expect(result.text).toBe('Gebührenbescheid für Müller\nStraße & Weg\tEnde');
    const dtd = docx('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:document>&a;</w:document>');
    expect((await failure(extract(dtd, 'x.docx'))).reasonCode).toBe('xml.dtd');
    // 300 MB of zeros compress to a few hundred KB: refused from the declared size, nothing inflated.
    const bomb = Buffer.from(
      zipSync(
        {
          '[Content_Types].xml': strToU8('<Types/>'),
          'word/document.xml': new Uint8Array(300 * 1024 * 1024),
        },
        { level: 9 },
      ),
    );
    const before = process.memoryUsage().rss;
    const started = performance.now();
    expect((await failure(extract(bomb, 'bomb.docx'))).reasonCode).toBe('zip.bomb');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect((await failure(extract(Buffer.from('PK\u0003\u0004 kaputt word/'), 'x.docx'))).reasonCode).toBe(
      'zip.malformed',
    );
  }, 60_000);

  it('reads ODT', async () => {
    const odt = Buffer.from(
      zipSync({
        mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
        'content.xml': strToU8(
          '<?xml version="1.0"?><office:document-content><office:body><office:text><text:h>Überschrift</text:h><text:p>Erste<text:s text:c="2"/>Zeile<text:line-break/>zweite &amp; letzte</text:p></office:text></office:body></office:document-content>',
        ),
      }),
    );
    expect((await extract(odt, 'a.odt')).text).toBe('Überschrift\nErste  Zeile\nzweite & letzte');
  });

  it('decodes Windows-1252 text and strips HTML scripts and entities', async () => {
    const latin1 = Buffer.from('Gebührenbescheid für Müller, Straße', 'latin1');
    expect((await extract(latin1, 'alt.txt')).text).toBe('Gebührenbescheid für Müller, Straße');
    const html =
      '<!doctype html><html><head><title>x</title><script>alert(1)</script></head><body><p>Gr&uuml;&szlig;e</p><p>&#8364; 5 &amp; mehr</p></body></html>';
    const text = (await extract(Buffer.from(html), 'seite.html')).text;
    expect(text).toBe('Grüße\n\n€ 5 & mehr');
  });

  it('reads e-mails with quoted-printable bodies and returns attachments', async () => {
    const eml = [
      'From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <j.mueller@example.org>',
      'To: poststelle@example.org',
      'Subject: =?utf-8?q?Widerspruch_gegen_Geb=C3=BChrenbescheid?=',
      'Date: Mon, 23 Nov 2026 09:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="x"',
      '',
      '--x',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Hiermit lege ich Widerspruch ein. Gr=C3=BC=C3=9Fe',
      '--x',
      'Content-Type: text/plain',
      'Content-Disposition: attachment; filename="../Beleg.txt"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Beleg 42').toString('base64'),
      '--x--',
      '',
    ].join('\r\n');
    const result = await extract(Buffer.from(eml), 'mail.eml');
    expect(result.text).toContain('Betreff: Widerspruch gegen Gebührenbescheid');
    expect(result.text).toContain('Jürgen Müller');
    expect(result.text).toContain('Hiermit lege ich Widerspruch ein. Grüße');
    expect(result.attachments).toHaveLength(1);
    expect(result.attachments![0]!.fileName).toBe('Beleg.txt');
    expect(result.attachments![0]!.bytes.toString()).toBe('Beleg 42');
  });

  it('refuses types it cannot read, and lets another extractor (e.g. OCR) plug in first', async () => {
    expect((await failure(extract(Buffer.from([0, 1, 2, 3]), 'x.bin'))).reasonCode).toBe('unsupported');
    const custom = createExtractorRegistry();
    custom.register({
      name: 'ocr',
      accepts: (m) => m === 'image/png',
      extract: async () => ({ text: 'erkannt', extractor: 'ocr' }),
    });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]);
    expect((await custom.extract({ bytes: png, mime: 'image/png', fileName: 'a.png' })).text).toBe('erkannt');
    expect(custom.list()[0]).toBe('ocr');
  });
});
