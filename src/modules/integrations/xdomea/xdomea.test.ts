import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, type Zippable, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AUSSONDERUNG_310,
  aussonderungZip,
  BESCHWERDE,
  BESCHWERDE_XML,
  MESSAGE_NAME,
  PLAN,
} from '../../../../test/support/xdomea-fixtures.ts';
import type { XdomeaAkte, XdomeaSender } from './xdomea.export.models.ts';
import { buildXdomeaAbgabe } from './xdomea.export.ts';
import { XdomeaRefused } from './xdomea.import.models.ts';
import { readXdomeaZip } from './xdomea.import.ts';
import { escapeXml } from './xdomea.xml.ts';

const XSD = {
  '3.0.0': '/work/shared/standards/xdomea/3.0.0/xdomea.xsd',
  '3.1.0': '/work/shared/standards/xdomea/3.1.0/xdomea.xsd',
};
const dir = mkdtempSync(path.join(tmpdir(), 'xdomea-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Validates against the official XSD with xmllint; a missing xmllint fails the test (no silent skip). */
function validate(xml: string, version: keyof typeof XSD) {
  const file = path.join(dir, `message-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD[version], file], {
    encoding: 'utf8',
  });
  expect(result.error, 'xmllint must be installed').toBeUndefined();
  expect(result.stderr).toContain('validates');
  expect(result.status).toBe(0);
}

function refusal(fn: () => unknown): XdomeaRefused {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(XdomeaRefused);
    return error as XdomeaRefused;
  }
  throw new Error('expected a refusal');
}

const bytes = (text: string) => strToU8(text);
const sender: XdomeaSender = {
  behoerde: 'Landkreis Nordhausen',
  kennung: '16062',
  system: 'Verbund E-Government',
};
const PROZESS = '0b7e8c52-4f1d-4a4e-9b0c-3f2a6d1e9c01';

const akte: XdomeaAkte = {
  id: '6f1c2a9e-8b3d-4c5e-a7f0-1d2e3f4a5b6c',
  aktenzeichen: '03.10.03-2024/0017',
  titel: 'Bauantrag Müller & Söhne <Scheune>',
  kennzeichen: '03.10.03',
  aktenplanTitel: 'Baugenehmigungsverfahren',
  createdAt: '2024-01-15T08:12:00.000Z',
  closedAt: '2024-06-30T22:30:00.000Z',
  vorgaenge: [
    {
      id: 'a1b2c3d4-0001-4000-8000-000000000001',
      betreff: 'Prüfung der Statik „Größe & Last“',
      aktenzeichen: '03.10.03-2024/0017-1',
      eingangsdatum: '2024-01-15',
      status: 'abgeschlossen',
      dokumente: [
        {
          id: 'd0c00001-0000-4000-8000-000000000001',
          titel: 'Antrag äöüß & <Anlagen> "Entwurf"',
          datum: '2024-01-14',
          art: 'eingang',
          versionen: [
            {
              version: 1,
              dateiname: 'Antrag Müller.pdf',
              mime: 'application/pdf',
              bytes: bytes('%PDF-1.7\n1 0 obj Version 1'),
              erstellt: '2024-01-15T08:13:00.000Z',
            },
            {
              version: 2,
              dateiname: 'Antrag Müller (korrigiert).pdf',
              mime: 'application/pdf',
              bytes: bytes('%PDF-1.7\n1 0 obj Version 2'),
              erstellt: '2024-01-20T10:00:00.000Z',
            },
          ],
        },
        {
          id: 'd0c00002-0000-4000-8000-000000000002',
          titel: 'Stellungnahme Statiker',
          datum: '2024-02-01',
          art: 'ausgang',
          versionen: [
            {
              version: 1,
              dateiname: '../../etc/Stellungnahme.docx',
              mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              bytes: bytes('PK fake docx'),
              erstellt: '2024-02-01T09:00:00.000Z',
            },
          ],
        },
      ],
    },
    {
      id: 'a1b2c3d4-0002-4000-8000-000000000002',
      betreff: 'Nachforderung Brandschutz',
      aktenzeichen: '03.10.03-2024/0017-2',
      eingangsdatum: '2024-03-05',
      status: 'in-bearbeitung',
      dokumente: [
        {
          id: 'd0c00003-0000-4000-8000-000000000003',
          titel: 'Vermerk Brandschutz',
          datum: '2024-03-06',
          art: 'intern',
          versionen: [
            {
              version: 1,
              dateiname: 'vermerk',
              mime: 'application/x-unbekannt',
              bytes: bytes('Vermerk: Rauchmelder fehlen.'),
              erstellt: '2024-03-06T14:00:00.000Z',
            },
          ],
        },
      ],
    },
  ],
};

/** The Dateiname values the message references. */
const referencedFiles = (xml: string) =>
  [...xml.matchAll(/<xdomea:Dateiname>([^<]+)<\/xdomea:Dateiname>/g)].map((m) => m[1]!);

describe('xdomea export (Abgabe.Abgabe.0401)', () => {
  it('builds a message that validates against the xdomea 3.0.0 XSD, with all primary files in the zip', () => {
    const result = buildXdomeaAbgabe({
      akte,
      sender,
      prozessId: PROZESS,
      now: new Date('2024-07-01T10:00:00Z'),
    });
    validate(result.xml, '3.0.0');

    expect(result.fileName).toBe(`${PROZESS}_Abgabe.Abgabe.0401.zip`);
    expect(result.xml).toContain(
      '<xdomea:Betreff>Bauantrag Müller &amp; Söhne &lt;Scheune&gt;</xdomea:Betreff>',
    );
    expect(result.xml).toContain('<xdomea:Kennzeichen>03.10.03-2024/0017</xdomea:Kennzeichen>');
    expect(result.xml).toContain('<xdomea:Kennzeichen>03.10.03</xdomea:Kennzeichen>');
    expect(result.xml).toContain('<xdomea:Inhaltsangabe>Baugenehmigungsverfahren</xdomea:Inhaltsangabe>');
    // Laufzeit in German calendar days: closed 2024-06-30T22:30Z is 1 July in Nordhausen.
    expect(result.xml).toContain(
      '<xdomea:Beginn>2024-01-15</xdomea:Beginn><xdomea:Ende>2024-07-01</xdomea:Ende>',
    );
    expect(result.xml).toContain('<code>018</code>'); // PDF in the Dateiformat code list
    expect(result.xml).toContain('<xdomea:Version>1.7</xdomea:Version>');
    expect(result.xml).toContain('<xdomea:SonstigerName>application/x-unbekannt</xdomea:SonstigerName>');

    const entries = unzipSync(result.zip);
    const names = Object.keys(entries);
    expect(names).toContain(`${PROZESS}_Abgabe.Abgabe.0401.xml`);
    const files = referencedFiles(result.xml);
    expect(files).toHaveLength(4);
    expect(new Set(files).size).toBe(4);
    for (const file of files) {
      expect(names).toContain(file);
      expect(file).toMatch(/^[0-9a-f-]{36}_v\d+_[A-Za-z0-9._-]+$/);
    }
    expect(names).toHaveLength(5);
    const v2 = files.find((f) => f.startsWith('d0c00001-0000-4000-8000-000000000001_v2_'))!;
    expect(new TextDecoder().decode(entries[v2])).toBe('%PDF-1.7\n1 0 obj Version 2');
    expect(files.some((f) => f.includes('..') || f.includes('/'))).toBe(false);
  });

  it('hands over a single Vorgang, still inside its Akte, and validates', () => {
    const result = buildXdomeaAbgabe({
      akte,
      sender,
      onlyVorgangId: 'a1b2c3d4-0002-4000-8000-000000000002',
      now: new Date('2024-07-01T10:00:00Z'),
    });
    validate(result.xml, '3.0.0');
    expect(result.xml).toContain('Nachforderung Brandschutz');
    expect(result.xml).not.toContain('Prüfung der Statik');
    expect(result.xml).toContain('<xdomea:Akte>');
    const names = Object.keys(unzipSync(result.zip));
    expect(names).toHaveLength(2);
    expect(names.some((n) => n.startsWith('d0c00003-'))).toBe(true);
  });

  it('escapes markup and drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml(`a\u0000b\u0007 & <c> "d" 'e'`)).toBe('ab &amp; &lt;c&gt; &quot;d&quot; &apos;e&apos;');
    const result = buildXdomeaAbgabe({
      akte: { ...akte, titel: 'Akte\u0001 mit Steuerzeichen\uFFFF' },
      sender,
    });
    validate(result.xml, '3.0.0');
  });

  it('refuses an unknown onlyVorgangId instead of exporting an empty Akte', () => {
    expect(() => buildXdomeaAbgabe({ akte, sender, onlyVorgangId: 'nope' })).toThrow(/not part of Akte/);
  });

  it('round-trips through readXdomeaZip: titles, Betreffs and file bytes', () => {
    const result = buildXdomeaAbgabe({ akte, sender, prozessId: PROZESS });
    const imported = readXdomeaZip(result.zip);
    expect(imported.version).toBe('3.0.0');
    expect(imported.nachrichtentyp).toBe('Abgabe.Abgabe.0401');
    expect(imported.prozessId).toBe(PROZESS);
    expect(imported.akte).toEqual({
      titel: akte.titel,
      aktenzeichen: akte.aktenzeichen,
      kennzeichen: akte.kennzeichen,
    });
    expect(imported.vorgaenge.map((v) => v.betreff)).toEqual(akte.vorgaenge.map((v) => v.betreff));
    expect(imported.vorgaenge.map((v) => v.aktenzeichen)).toEqual(akte.vorgaenge.map((v) => v.aktenzeichen));
    const dokumente = imported.vorgaenge.flatMap((v) => v.dokumente);
    const original = akte.vorgaenge.flatMap((v) => v.dokumente);
    expect(dokumente.map((d) => d.titel)).toEqual(original.map((d) => d.titel));
    expect(dokumente.map((d) => d.datum)).toEqual(original.map((d) => d.datum));
    expect(dokumente[0]!.dateien.map((f) => f.dateiname)).toEqual([
      'Antrag Müller.pdf',
      'Antrag Müller (korrigiert).pdf',
    ]);
    // The original name keeps no path: a receiver writing it to disk cannot be led outside.
    expect(dokumente[1]!.dateien[0]!.dateiname).toBe('Stellungnahme.docx');
    expect(dokumente.map((d) => d.dateien.map((f) => [...f.bytes]))).toEqual(
      original.map((d) => d.versionen.map((v) => [...v.bytes])),
    );
  });
});

/** Rewrites an entry's declared sizes in the central directory (what a forged zip does). */
function declareSize(zip: Uint8Array, name: string, size: number, compressedSize?: number) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  let at = view.getUint32(end + 16, true);
  for (let i = view.getUint16(end + 10, true); i > 0; i--) {
    const nameLength = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)) === name) {
      view.setUint32(at + 24, size, true);
      if (compressedSize !== undefined) view.setUint32(at + 20, compressedSize, true);
      return;
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`no entry ${name}`);
}

describe('xdomea import', () => {
  it('the hand-made 3.1.0 Aussonderung is valid against the xdomea 3.1.0 XSD', () => {
    validate(AUSSONDERUNG_310, '3.1.0');
  });

  it('imports the first Akte of a 3.1.0 Aussonderung, loose Dokumente in a Vorgang named after the Akte', () => {
    const imported = readXdomeaZip(aussonderungZip());
    expect(imported.version).toBe('3.1.0');
    expect(imported.nachrichtentyp).toBe('Aussonderung.Aussonderung.0503');
    expect(imported.prozessId).toBe('5b8c1f0e-3d7a-4c2e-9f1a-2e6d4b7c8a90');
    expect(imported.akte).toEqual({
      titel: 'Straßenreinigung Ölmühlenweg',
      aktenzeichen: '66.20.01-1998/0042',
      kennzeichen: '66.20.01',
    });
    expect(imported.vorgaenge).toHaveLength(2);
    const [lose, vorgang] = imported.vorgaenge;
    expect(lose!.betreff).toBe('Straßenreinigung Ölmühlenweg');
    expect(lose!.dokumente.map((d) => d.titel)).toEqual(['Übersichtsplan']);
    expect(lose!.dokumente[0]!.dateien[0]).toEqual({ dateiname: PLAN, bytes: strToU8('%PDF-1.4 plan') });
    expect(vorgang!.betreff).toBe('Anwohnerbeschwerde & Antwort');
    expect(vorgang!.aktenzeichen).toBe('66.20.01-1998/0042-3');
    expect(vorgang!.dokumente).toEqual([
      {
        titel: 'Beschwerde Überflutung',
        datum: '1998-11-03',
        dateien: [{ dateiname: 'Beschwerde.xml', bytes: strToU8(BESCHWERDE_XML) }],
      },
    ]);
  });

  it('refuses a DOCTYPE with an external entity (XXE)', () => {
    const xxe = AUSSONDERUNG_310.replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ).replace('Übersichtsplan', '&xxe;');
    const error = refusal(() => readXdomeaZip(aussonderungZip({}, xxe)));
    expect(error.code).toBe('xdomea.xml_dtd');
    expect(error.messageDe).toMatch(/DOCTYPE/);
  });

  it('refuses entity expansion (billion laughs)', () => {
    const laughs = AUSSONDERUNG_310.replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>`,
    ).replace('Übersichtsplan', '&lol3;');
    expect(refusal(() => readXdomeaZip(aussonderungZip({}, laughs))).code).toBe('xdomea.xml_dtd');
  });

  it('refuses named entities beyond the five predefined ones (no DTD declares them)', () => {
    const nbsp = AUSSONDERUNG_310.replace('Übersichtsplan', 'Übersichts&nbsp;plan');
    const error = refusal(() => readXdomeaZip(aussonderungZip({}, nbsp)));
    expect(error.code).toBe('xdomea.xml_malformed');
    expect(error.messageDe).toContain('&nbsp;');
  });

  it.each([['../evil.txt'], ['/etc/evil.txt'], ['\\evil.txt'], ['sub\\evil.txt']])(
    'refuses the entry name %s',
    (name) => {
      const error = refusal(() => readXdomeaZip(aussonderungZip({ [name]: strToU8('evil') })));
      expect(error.code).toBe('xdomea.zip_unsafe_name');
      expect(error.messageDe).toContain(name);
    },
  );

  it('refuses a zip bomb on the declared sizes, before inflating', () => {
    const zeros = new Uint8Array(20 * 1024 * 1024);
    const error = refusal(() =>
      readXdomeaZip(
        aussonderungZip({ '7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e09_nullen.bin': [zeros, { level: 9 }] }),
      ),
    );
    expect(error.code).toBe('xdomea.zip_bomb');
    expect(error.messageDe).toMatch(/Zip-Bombe/);
  });

  it('refuses more than 10,000 entries', () => {
    const many: Zippable = {};
    for (let i = 0; i <= 10_000; i++) many[`7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e09_${i}.txt`] = strToU8('x');
    expect(refusal(() => readXdomeaZip(aussonderungZip(many))).code).toBe('xdomea.zip_too_many_entries');
  });

  it('refuses members over 100 MiB and totals over 500 MiB on the declared sizes', () => {
    const big = aussonderungZip({ 'gross.bin': strToU8('klein') });
    declareSize(big, 'gross.bin', 101 * 1024 * 1024);
    expect(refusal(() => readXdomeaZip(big)).code).toBe('xdomea.zip_entry_too_large');

    const parts: Zippable = {};
    for (let i = 0; i < 6; i++) parts[`teil-${i}.bin`] = strToU8('klein');
    const total = aussonderungZip(parts);
    for (let i = 0; i < 6; i++) declareSize(total, `teil-${i}.bin`, 90 * 1024 * 1024, 1024 * 1024);
    const error = refusal(() => readXdomeaZip(total));
    expect(error.code).toBe('xdomea.zip_too_large');
    expect(error.messageDe).toContain('500 MiB');
  });

  it('refuses a message whose primary file is missing from the zip', () => {
    const zip = zipSync({ [MESSAGE_NAME]: strToU8(AUSSONDERUNG_310), [PLAN]: strToU8('%PDF-1.4 plan') });
    const error = refusal(() => readXdomeaZip(zip));
    expect(error.code).toBe('xdomea.primary_file_missing');
    expect(error.messageDe).toBe(
      `Die Datei „${BESCHWERDE}“ zum Dokument „Beschwerde Überflutung“ fehlt im Archiv; die Abgabe ist unvollständig.`,
    );
  });

  it('refuses a message that is not valid UTF-8', () => {
    // ISO-8859-1 bytes for the umlauts, while the declaration claims UTF-8.
    const latin1 = Uint8Array.from(AUSSONDERUNG_310, (c) => c.charCodeAt(0) & 0xff);
    const error = refusal(() => readXdomeaZip(aussonderungZip({}, latin1)));
    expect(error.code).toBe('xdomea.xml_encoding');
    expect(error.messageDe).toMatch(/UTF-8/);
  });

  it('refuses a zip whose XML has another root element', () => {
    const other = AUSSONDERUNG_310.replaceAll(
      'Aussonderung.Aussonderung.0503',
      'Aussonderung.AussonderungImportBestaetigen.0506',
    );
    const error = refusal(() => readXdomeaZip(aussonderungZip({}, other)));
    expect(error.code).toBe('xdomea.no_message');
    expect(error.messageDe).toMatch(/keine xdomea-Nachricht/);
  });

  it('refuses an unsupported xdomea version and bytes that are no zip', () => {
    const v240 = AUSSONDERUNG_310.replace('schema:3.1.0', 'schema:2.4.0');
    expect(refusal(() => readXdomeaZip(aussonderungZip({}, v240))).code).toBe('xdomea.unsupported_version');
    expect(refusal(() => readXdomeaZip(strToU8('no zip at all'))).code).toBe('xdomea.zip_invalid');
  });
});
