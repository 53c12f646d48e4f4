import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { renderTextPdf } from '../../records/records.module.ts';
import { plainLine } from './vorlage-import.models.ts';

const SOURCE = path.resolve('..', 'shared', 'mission', 'KT-103-2020_Beschlussvorlage.md');

let t: TestContext;
let admin: string;
let reader: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('unstrut-hainich-kreis');
  reader = await t.tokenFor('unstrut-hainich-kreis', ['lesen']);
});
afterAll(() => t.close());

const importieren = (bytes: Buffer | string, fileName: string, anlegen = false, token = admin) => {
  const form = new FormData();
  form.set('datei', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], fileName));
  if (anlegen) form.set('anlegen', 'true');
  return t.request('/api/v1/vorlagen/import', { token, body: form });
};

/** The source document as printed (Markdown marks gone), rendered as a PDF with a text layer. */
async function sourceAsPdf() {
  const [title, ...body] = readFileSync(SOURCE, 'utf8').split('\n').map(plainLine);
  return renderTextPdf(title!, body.join('\n'));
}

describe('POST /api/v1/vorlagen/import', () => {
  it('reads the source document as Markdown and answers the fields with a complete report', async () => {
    const r = await importieren(readFileSync(SOURCE), 'KT-103-2020_Beschlussvorlage.md');
    expect(r.status).toBe(200);
    expect(r.json.bericht).toMatchObject({ vollstaendig: true, fehlend: [], unerkannt: [] });
    expect(r.json.vorlage.drucksachenNr).toBe('KT/103/2020');
    expect(r.json.angelegt).toBeNull();
  });

  it('reads the same document rendered as PDF (text layer) into the same fields', async () => {
    const fromMd = (await importieren(readFileSync(SOURCE), 'kt.md')).json.vorlage;
    const r = await importieren(await sourceAsPdf(), 'KT-103-2020.pdf');
    expect(r.status).toBe(200);
    const fromPdf = r.json.vorlage;
    const flat = (s: string | null) => s?.replace(/\s+/g, ' ');
    for (const key of [
      'drucksachenNr',
      'einreicher',
      'einreichung',
      'betreff',
      'unterzeichner',
      'art',
      'oeffentlich',
    ])
      expect(fromPdf[key], key).toEqual(fromMd[key]);
    expect(fromPdf.beratungsfolge).toEqual(fromMd.beratungsfolge);
    expect(fromPdf.anlagen).toEqual(fromMd.anlagen);
    expect(fromPdf.abstimmung).toEqual(fromMd.abstimmung);
    // A PDF knows no blank lines: the paragraphs run together, the words are the same.
    expect(flat(fromPdf.beschlussvorschlag)).toBe(flat(fromMd.beschlussvorschlag));
    expect(flat(fromPdf.begruendung)).toBe(flat(fromMd.begruendung));
    expect(r.json.bericht).toMatchObject({ fehlend: [], unerkannt: [], vollstaendig: true });
  });

  it('creates the Vorlage with its number, Beratungsfolge and the source filed in its Akte', async () => {
    const kt = await t.request('/api/v1/gremien', {
      token: admin,
      json: { name: 'Kreistag', kuerzel: 'KTI', art: 'kreistag', sitze: 46 },
    });
    expect(kt.status).toBe(201);
    const r = await importieren(readFileSync(SOURCE), 'KT-103-2020_Beschlussvorlage.md', true);
    expect(r.status).toBe(201);
    expect(r.json.angelegt).toMatchObject({
      drucksachenNr: 'KT/103/2020',
      status: 'entwurf',
      einreicher: 'Verwaltung',
      einreichung: '2020-05-27',
      unterzeichner: 'Zanker Landrat',
      beratungsfolge: [{ gremiumId: kt.json.id, datum: '2020-06-24', zustaendigkeit: 'entscheidung' }],
    });
    expect(r.json.bericht.hinweise).toContain(
      'Das Abstimmungsergebnis gehört zur Beratung in der Sitzung; es wird dort erfasst, nicht an der Vorlage.',
    );
    const akte = await t.request(`/api/v1/akten/${r.json.angelegt.akteId}`, { token: admin });
    expect(akte.status).toBe(200);
    const dokumente = await t.superuser.query(
      'select titel from dokumente where akte_id = $1 order by created_at',
      [r.json.angelegt.akteId],
    );
    expect(dokumente.rows.map((d) => d.titel)).toEqual(['Importierte Vorlage KT/103/2020 (Quelle)']);
    // The number is unique in the county: a second import of the same paper is refused (409).
    const again = await importieren(readFileSync(SOURCE), 'nochmal.md', true);
    expect(again.status).toBe(409);
    expect(again.json.detailDe).toBe('Die Drucksachen-Nr. „KT/103/2020“ trägt schon eine andere Vorlage.');
  });

  it('leaves nothing behind when filing the source fails: no Vorlage, no Akte, no drawn number', async () => {
    const principal: Principal = {
      tenantId: 'nordhausen',
      userId: null,
      login: 'import-test',
      displayName: 'Import-Test',
      roles: ['sachbearbeitung'],
      via: 'token',
    };
    const count = async () =>
      (
        await t.superuser.query(
          `select (select count(*) from vorlagen where tenant_id = 'nordhausen')::int as vorlagen,
                  (select count(*) from akten where tenant_id = 'nordhausen')::int as akten`,
        )
      ).rows[0];
    const before = await count();
    const text = Buffer.from(
      'Betr.: Import ohne Spuren\n\nDer Kreistag möge beschließen:\nEs wird beschlossen.\n',
    );
    const importieren = (fileName: string) =>
      t.services.gremien.vorlagenImport.importieren({
        principal,
        file: { fileName, bytes: text },
        anlegen: true,
      });
    // A real failure in the database while the source is filed, after the Vorlage, its number and
    // Akte were made: a trigger of this test's own database refuses this one file name.
    await t.superuser.query(`create function stoerung() returns trigger language plpgsql as $$
      begin if new.dateiname = 'stoerung.txt' then raise exception 'Speicherstörung (Test)'; end if; return new; end $$;
      create trigger stoerung before insert on dokument_versionen for each row execute function stoerung()`);
    await expect(importieren('stoerung.txt')).rejects.toThrow(/Speicherstörung/);
    await t.superuser.query('drop trigger stoerung on dokument_versionen; drop function stoerung()');
    expect(await count()).toEqual(before);
    // The number the failed import had drawn goes to the next Vorlage: no gap.
    const ok = await importieren('quelle.txt');
    expect(ok.angelegt?.drucksachenNr).toBe(`DS/001/${new Date().getFullYear()}`);
    expect(await count()).toEqual({ vorlagen: before.vorlagen + 1, akten: before.akten + 1 });
  });

  it('refuses bad input with German errors and no 5xx', async () => {
    const binary = await importieren(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0xc3]), 'bild.png');
    expect(binary.status).toBe(415);
    expect(binary.json.detailDe).toBe('Importiert werden Text, Markdown (UTF-8) oder PDF mit Textebene.');
    const broken = await importieren(Buffer.from('%PDF-1.7\nkaputt'), 'kaputt.pdf');
    expect(broken.status).toBe(422);
    expect(broken.json.detailDe).toMatch(/^Die PDF-Datei ist nicht lesbar: /);
    const empty = await importieren('   \n', 'leer.txt');
    expect(empty.status).toBe(400);
    const noBetreff = await importieren('Begründung:\nNur eine Begründung.', 'ohne.txt', true);
    expect(noBetreff.status).toBe(422);
    expect(noBetreff.json.detailDe).toContain('kein Betreff');
    expect((await importieren(readFileSync(SOURCE), 'kt.md', false, reader)).status).toBe(403);
    const huge = await importieren(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61), 'riesig.txt');
    expect(huge.status).toBe(413);
  });
});
