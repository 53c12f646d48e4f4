import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { renderTextPdf } from './dokumente/text-pdf.ts';

let t: TestContext;
let admin: string;
const year = new Date().getFullYear();

async function upload(
  token: string,
  vorgangId: string,
  bytes: Uint8Array | string,
  name: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  form.set('datei', new Blob([bytes as BlobPart]), name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token, body: form });
}

async function drainJobs() {
  const worker = t.services.createWorker();
  for (let i = 0; i < 50; i++) if ((await worker.runOnce()) === 0) return;
}

async function newVorgang(token: string, titel = 'Testakte', aktenplan = '00.40') {
  const akte = await t.request('/api/v1/akten', { token, json: { titel, aktenplan } });
  expect(akte.status).toBe(201);
  const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token,
    json: { betreff: `Vorgang zu ${titel}` },
  });
  expect(vorgang.status).toBe(201);
  return {
    akteId: akte.json.id as string,
    vorgangId: vorgang.json.id as string,
    aktenzeichen: akte.json.aktenzeichen as string,
  };
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('nordhausen', ['kreis-admin', 'sachbearbeitung', 'leitung']);
});
afterAll(() => t.close());

describe('Aktenplan', () => {
  it('every member adopted the Verbund template on onboarding; the template names its owning county', async () => {
    for (const tenant of ['nordhausen', 'wartburgkreis']) {
      const plan = await t.request('/api/v1/aktenplan', { token: await t.tokenFor(tenant, ['lesen']) });
      expect(plan.status).toBe(200);
      expect(plan.json.total).toBeGreaterThan(30);
      const unit = plan.json.items.find((u: { kennzeichen: string }) => u.kennzeichen === '00.20');
      expect(unit).toMatchObject({
        titel: expect.stringContaining('Zweckvereinbarung'),
        aussonderung: 'A',
        ausVorlage: true,
      });
      const child = plan.json.items.find((u: { kennzeichen: string }) => u.kennzeichen === '03.10.01');
      const parent = plan.json.items.find((u: { kennzeichen: string }) => u.kennzeichen === '03.10');
      expect(child.parentId).toBe(parent.id);
    }
    const templates = await t.request('/api/v1/aktenplan/vorlagen', { token: admin });
    expect(templates.json.items[0]).toMatchObject({ ownerTenantId: 'unstrut-hainich-kreis' });
  });

  it('a county extends its plan; only kreis-admin may; a missing parent is refused', async () => {
    const ok = await t.request('/api/v1/aktenplan', {
      token: admin,
      json: { kennzeichen: '00.30.09', titel: 'Breitbandausbau', aufbewahrungJahre: 10, aussonderung: 'B' },
    });
    expect(ok.status).toBe(201);
    expect(ok.json.ausVorlage).toBe(false);
    const orphan = await t.request('/api/v1/aktenplan', {
      token: admin,
      json: { kennzeichen: '42.01', titel: 'Ohne Eltern', aussonderung: 'V' },
    });
    expect(orphan.status).toBe(400);
    expect(orphan.json.code).toBe('aktenplan.parent_missing');
    const clerk = await t.request('/api/v1/aktenplan', {
      token: await t.tokenFor('nordhausen', ['sachbearbeitung']),
      json: { kennzeichen: '00.30.08', titel: 'X', aussonderung: 'V' },
    });
    expect(clerk.status).toBe(403);
    // Other counties do not get Nordhausen's own unit.
    const other = await t.request('/api/v1/aktenplan', {
      token: await t.tokenFor('kyffhaeuserkreis', ['lesen']),
    });
    expect(other.json.items.map((u: { kennzeichen: string }) => u.kennzeichen)).not.toContain('00.30.09');
  });

  it('exports CSV and imports it all-or-nothing with line numbers; formulas are neutralised', async () => {
    const exported = await t.request('/api/v1/aktenplan/export', { token: admin });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.text.split('\r\n')[0]).toBe(
      'kennzeichen;titel;aufbewahrung_jahre;aussonderung;vertraulichkeit',
    );
    const raw = await t.app.request('/api/v1/aktenplan/export', {
      headers: { authorization: `Bearer ${admin}` },
    });
    // A UTF-8 byte order mark, so spreadsheet programs read the umlauts right.
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(exported.text).toContain(
      '00.20;Interkommunale Zusammenarbeit, Zweckvereinbarungen;dauernd;A;offen',
    );

    const bad =
      'kennzeichen;titel;aufbewahrung_jahre;aussonderung\n09.10;ÖPNV-Konzept;10;B\n09.11;Fehler;abc;B\n9x;Kaputt;1;Q\n';
    const refused = await t.request('/api/v1/aktenplan/import', {
      token: admin,
      body: bad,
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.errors.map((e: { zeile: number }) => e.zeile)).toEqual([3, 4]);
    const after = await t.request('/api/v1/aktenplan', { token: admin });
    expect(after.json.items.map((u: { kennzeichen: string }) => u.kennzeichen)).not.toContain('09.10');

    const form = new FormData();
    form.set(
      'datei',
      new Blob([
        'kennzeichen;titel;aufbewahrung_jahre;aussonderung\n09.10;=HYPERLINK("x");10;B\n09.10.01;Radwege;dauernd;A\n',
      ]),
      'plan.csv',
    );
    const imported = await t.request('/api/v1/aktenplan/import', { token: admin, body: form });
    expect(imported.status).toBe(200);
    expect(imported.json).toEqual({ added: 2, updated: 0 });
    const again = await t.request('/api/v1/aktenplan/export', { token: admin });
    expect(again.text).toContain(`09.10;"'=HYPERLINK(""x"")";10;B;offen`);
    expect(again.text).toContain('09.10.01;Radwege;dauernd;A;offen');
  });
});

describe('Akten and Vorgänge', () => {
  it('generates Aktenzeichen from Kennzeichen, running number and year; default unit; per-county pattern', async () => {
    const first = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'Breitband A', aktenplan: '08.20' },
    });
    const second = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'Breitband B', aktenplan: '08.20' },
    });
    expect(first.status).toBe(201);
    expect(first.json.aktenzeichen).toBe(`08.20-0001/${year}`);
    expect(second.json.aktenzeichen).toBe(`08.20-0002/${year}`);
    const byDefault = await t.request('/api/v1/akten', { token: admin, json: { titel: 'Ohne Einheit' } });
    expect(byDefault.json.aktenzeichen).toMatch(new RegExp(`^00\\.40-\\d{4}/${year}$`));

    const wbk = await t.tokenFor('wartburgkreis', ['kreis-admin', 'sachbearbeitung']);
    const bad = await t.request('/api/v1/akten-einstellungen', {
      method: 'PUT',
      token: wbk,
      json: { aktenzeichenMuster: '{jahr}' },
    });
    expect(bad.status).toBe(400);
    const set = await t.request('/api/v1/akten-einstellungen', {
      method: 'PUT',
      token: wbk,
      json: { aktenzeichenMuster: 'WAK {kreis}/{kennzeichen}/{jahr2}-{nr:3}' },
    });
    expect(set.status).toBe(200);
    const wak = await t.request('/api/v1/akten', {
      token: wbk,
      json: { titel: 'Muster', aktenplan: '05.10' },
    });
    expect(wak.json.aktenzeichen).toBe(`WAK 16063/05.10/${String(year).slice(2)}-001`);
    // Nordhausen's pattern is untouched.
    const nd = await t.request('/api/v1/akten', { token: admin, json: { titel: 'NDH', aktenplan: '05.10' } });
    expect(nd.json.aktenzeichen).toBe(`05.10-0001/${year}`);
    const unknown = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'X', aktenplan: '99.99' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.detailDe).toContain('99.99');
  });

  it('finds Vorgänge by Aktenzeichen and external reference; lists page with items and total', async () => {
    const { akteId, aktenzeichen } = await newVorgang(admin, 'Seitenweise');
    for (let i = 0; i < 3; i++)
      await t.request(`/api/v1/akten/${akteId}/vorgaenge`, {
        token: admin,
        json: { betreff: `Nr ${i}`, externeReferenz: `FV-${i}` },
      });
    const page = await t.request(`/api/v1/akten/${akteId}/vorgaenge?limit=2&offset=0`, { token: admin });
    expect(page.json.total).toBe(4);
    expect(page.json.items).toHaveLength(2);
    const byAz = await t.request(`/api/v1/vorgaenge?aktenzeichen=${encodeURIComponent(aktenzeichen)}`, {
      token: admin,
    });
    expect(byAz.json.total).toBe(4);
    const byRef = await t.request('/api/v1/vorgaenge?externeReferenz=FV-2', { token: admin });
    expect(byRef.json.items.map((v: { betreff: string }) => v.betreff)).toEqual(['Nr 2']);
    const invalid = await t.request(`/api/v1/akten/${akteId}/vorgaenge`, {
      token: admin,
      json: { betreff: 'x', frist: '31.12.2026' },
    });
    expect(invalid.status).toBe(400);
  });

  it('z.d.A. freezes an Akte; only Leitung reopens; both are audited', async () => {
    const { akteId, vorgangId } = await newVorgang(admin, 'Abschluss');
    const closed = await t.request(`/api/v1/akten/${akteId}/zda`, { method: 'POST', token: admin });
    expect(closed.json.status).toBe('zda');
    expect(
      (await t.request(`/api/v1/akten/${akteId}/vorgaenge`, { token: admin, json: { betreff: 'spät' } }))
        .status,
    ).toBe(409);
    const late = await upload(admin, vorgangId, 'zu spät', 'spaet.txt');
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('akte.closed');
    // Even the database refuses (trigger), whatever the application does.
    await expect(
      t.superuser.query(`update vorgaenge set betreff = 'x' where id = $1`, [vorgangId]),
    ).rejects.toThrow(/closed/);
    const clerk = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const denied = await t.request(`/api/v1/akten/${akteId}/wiedereroeffnen`, {
      token: clerk,
      json: { begruendung: 'bitte' },
    });
    expect(denied.status).toBe(403);
    const reopened = await t.request(`/api/v1/akten/${akteId}/wiedereroeffnen`, {
      token: admin,
      json: { begruendung: 'Nachtrag' },
    });
    expect(reopened.json.status).toBe('offen');
    const audit = await t.superuser.query(
      `select action, data from audit_events where tenant_id = 'nordhausen' and object_id = $1 order by seq`,
      [akteId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'records.akte_created',
      'records.akte_closed',
      'records.akte_reopened',
    ]);
    expect(audit.rows[2].data.begruendung).toBe('Nachtrag');
  });
});

describe('Dokumente, versions and blobs', () => {
  it('stores uploads content-addressed, detects the type from content, serves any version with a safe name', async () => {
    const { vorgangId } = await newVorgang(admin, 'Versionen');
    const pdf = await renderTextPdf('Bescheid', 'Gebührenbescheid für die Straßenreinigung in Mühlhausen.');
    const created = await upload(admin, vorgangId, pdf, '../../etc/Bescheid "final".txt', {
      titel: 'Gebührenbescheid',
    });
    expect(created.status).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(created.json.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(created.json.mime).toBe('application/pdf');
    expect(created.json.dateiname).not.toContain('/');
    expect(created.json.dateiname).not.toContain('..');

    const v1 = await t.request(`/api/v1/dokumente/${created.json.id}/inhalt`, { token: admin });
    expect(v1.status).toBe(200);
    expect(v1.headers.get('content-type')).toBe('application/pdf');
    expect(v1.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[^"/\\]+"; filename\*=UTF-8''/,
    );
    expect(v1.headers.get('x-content-type-options')).toBe('nosniff');

    const form = new FormData();
    form.set('datei', new Blob(['Zweite Fassung: Änderungsbescheid']), 'bescheid-v2.txt');
    form.set('kommentar', 'korrigiert');
    const v2 = await t.request(`/api/v1/dokumente/${created.json.id}/versionen`, {
      token: admin,
      body: form,
    });
    expect(v2.status).toBe(201);
    expect(v2.json.version).toBe(2);
    const current = await t.request(`/api/v1/dokumente/${created.json.id}/inhalt`, { token: admin });
    expect(current.text).toBe('Zweite Fassung: Änderungsbescheid');
    expect(current.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const old = await t.request(`/api/v1/dokumente/${created.json.id}/inhalt?version=1`, { token: admin });
    expect(old.headers.get('content-type')).toBe('application/pdf');
    expect(
      (await t.request(`/api/v1/dokumente/${created.json.id}/inhalt?version=9`, { token: admin })).status,
    ).toBe(404);
    const versions = await t.request(`/api/v1/dokumente/${created.json.id}/versionen`, { token: admin });
    expect(versions.json.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    // Versions are immutable in the database, even for a direct UPDATE by the owner role.
    await expect(
      t.superuser.query(`update dokument_versionen set sha256 = repeat('0', 64) where dokument_id = $1`, [
        created.json.id,
      ]),
    ).rejects.toThrow(/immutable/);
  });

  it('refuses uploads over the limit while streaming, without storing anything', async () => {
    const small = await createTestContext({ VERBUND_UPLOAD_LIMIT_MB: '1' });
    try {
      const token = await small.tokenFor('nordhausen');
      const akte = await small.request('/api/v1/akten', { token, json: { titel: 'Limit' } });
      const vorgang = await small.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
        token,
        json: { betreff: 'Limit' },
      });
      const form = new FormData();
      form.set('datei', new Blob([new Uint8Array(1024 * 1024 + 1)]), 'gross.bin');
      const refused = await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
        token,
        body: form,
      });
      expect(refused.status).toBe(413);
      expect(refused.json).toMatchObject({
        code: 'upload.too_large',
        detailDe: expect.stringContaining('höchstens 1 MiB'),
      });
      // Far beyond the limit, the request body itself is cut off.
      const huge = new FormData();
      huge.set('datei', new Blob([new Uint8Array(8 * 1024 * 1024)]), 'riesig.bin');
      const cut = await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
        token,
        body: huge,
      });
      expect(cut.status).toBe(413);
      const exact = new FormData();
      exact.set('datei', new Blob([new Uint8Array(1024 * 1024)]), 'genau.bin');
      expect(
        (await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: exact }))
          .status,
      ).toBe(201);
      const list = await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token });
      expect(list.json.items.map((d: { dateiname: string }) => d.dateiname)).toEqual(['genau.bin']);
      const { readdir } = await import('node:fs/promises');
      expect(await readdir(`${small.config.dataDir}/blobs/tmp`)).toEqual([]);
      const noFile = await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
        token,
        body: new FormData(),
      });
      expect(noFile.status).toBe(400);
    } finally {
      await small.close();
    }
  });
});

describe('text extraction and search', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const { vorgangId } = await newVorgang(admin, 'Suche', '00.20');
    const pdf = await renderTextPdf(
      'Beschlussvorlage',
      '1. Änderung der Zweckvereinbarung zur Gründung eines interkommunalen Serviceteams, Drucksachen-Nr. KT/103/2020. Die Straßenmeisterei Großenehrich prüft.',
    );
    const eml = [
      'From: Maria Schäfer <m.schaefer@example.org>',
      'To: poststelle@example.org',
      'Subject: Antrag auf Wohngeld',
      'Date: Tue, 24 Nov 2026 10:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Sehr geehrte Damen und Herren, anbei mein Wohngeldantrag mit Mietbescheinigung.',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Disposition: attachment; filename="Mietbescheinigung.txt"',
      '',
      'Mietbescheinigung: Kaltmiete 412,50 EUR, Vermieter Großmann.',
      '--b1--',
      '',
    ].join('\r\n');
    const up = async (bytes: Uint8Array | string, name: string, fields: Record<string, string> = {}) =>
      (await upload(admin, vorgangId, bytes, name, fields)).json.id as string;
    ids = {
      pdf: await up(pdf, 'vorlage.pdf', { art: 'intern', datum: '2020-05-27' }),
      eml: await up(eml, 'antrag.eml', { datum: '2026-11-24' }),
      broken: await up(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), 'kaputt.pdf'),
      empty: await up(new Uint8Array(0), 'leer.pdf'),
      geheim: await up('Personalangelegenheit Großmann: vertrauliche Beurteilung', 'beurteilung.txt', {
        vertraulichkeit: 'vertraulich',
      }),
    };
    await drainJobs();
  });

  it('extracts text in background jobs and records failures with a reason', async () => {
    const get = async (id: string) => (await t.request(`/api/v1/dokumente/${id}`, { token: admin })).json;
    expect(await get(ids.pdf!)).toMatchObject({ textStatus: 'done', mime: 'application/pdf' });
    expect(await get(ids.eml!)).toMatchObject({ textStatus: 'done', mime: 'message/rfc822' });
    const broken = await get(ids.broken!);
    expect(broken.textStatus).toBe('failed');
    expect(broken.textFehler).toMatch(/PDF/);
    expect((await get(ids.empty!)).textStatus).toBe('failed');
    const text = await t.request(`/api/v1/dokumente/${ids.pdf}/text`, { token: admin });
    expect(text.json.text).toContain('Zweckvereinbarung');
  });

  it('files e-mail attachments as documents of their own', async () => {
    const eml = await t.request(`/api/v1/dokumente/${ids.eml}`, { token: admin });
    const list = await t.request(`/api/v1/vorgaenge/${eml.json.vorgangId}/dokumente`, { token: admin });
    const attachment = list.json.items.find(
      (d: { parentDokumentId: string | null }) => d.parentDokumentId === ids.eml,
    );
    expect(attachment).toMatchObject({ dateiname: 'Mietbescheinigung.txt', textStatus: 'done' });
  });

  const search = async (q: string, extra = '', token = admin) =>
    (await t.request(`/api/v1/suche?q=${encodeURIComponent(q)}${extra}`, { token })).json;

  /** Inserts `count` documents titled "<titel> n" with `text` as content into a new Vorgang, by SQL (faster than uploads). */
  const bulkDokumente = async (akte: string, titel: string, text: string, count: number) => {
    const { vorgangId, akteId } = await newVorgang(admin, akte);
    await t.superuser.query(
      `with v as (select unit_id from akten where id = $2)
       insert into dokumente (tenant_id, vorgang_id, akte_id, unit_id, titel, created_by, search, search_head)
       select 'nordhausen', $1, $2, v.unit_id, $3::text || ' ' || n, 'test',
              verbund_search_vector($3, '', $4), verbund_search_head($3, '')
       from generate_series(1, $5::int) n, v`,
      [vorgangId, akteId, titel, text, count],
    );
  };

  it('finds German words by stem, folds umlauts and ß both ways, and supports prefixes', async () => {
    for (const q of [
      'Zweckvereinbarungen',
      'aenderung',
      'ÄNDERUNG',
      'Strassenmeisterei',
      'Zweckverein*',
      'interkommunal',
    ])
      expect(
        (await search(q)).items.map((i: { dokumentId: string }) => i.dokumentId),
        q,
      ).toContain(ids.pdf);
    expect((await search('Grossmann')).items.map((i: { dokumentId: string }) => i.dokumentId)).toEqual(
      expect.arrayContaining([expect.any(String)]),
    );
    expect((await search('Zweckvereinbarung -Straßenmeisterei')).total).toBe(0);
    expect((await search('"Gründung eines interkommunalen"')).items[0].dokumentId).toBe(ids.pdf);
  });

  it('matches reference numbers exactly', async () => {
    const hits = await search('KT/103/2020');
    expect(hits.items.map((i: { dokumentId: string }) => i.dokumentId)).toEqual([ids.pdf]);
    expect((await search('KT/104/2020')).total).toBe(0);
  });

  it('returns highlighted, escaped snippets and honours filters', async () => {
    const hit = (await search('Wohngeld')).items.find(
      (i: { dokumentId: string }) => i.dokumentId === ids.eml,
    );
    expect(hit.snippet).toContain('<mark>Wohngeld');
    expect(hit.snippet).not.toMatch(/<(?!\/?mark>)/);
    expect((await search('Zweckvereinbarung', '&art=eingang')).total).toBe(0);
    expect((await search('Zweckvereinbarung', '&art=intern')).total).toBe(1);
    expect((await search('Zweckvereinbarung', '&von=2021-01-01')).total).toBe(0);
    expect((await search('Zweckvereinbarung', '&aktenplan=00.20')).total).toBe(1);
    expect((await search('Zweckvereinbarung', '&aktenplan=04')).total).toBe(0);
    expect((await t.request('/api/v1/suche?q=x&von=gestern', { token: admin })).status).toBe(400);
  });

  it('never returns what the user may not see: Vertraulichkeit by role', async () => {
    const reader = await t.tokenFor('nordhausen', ['lesen']);
    const clerk = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    expect((await search('Beurteilung')).items.map((i: { dokumentId: string }) => i.dokumentId)).toContain(
      ids.geheim,
    );
    expect((await search('Beurteilung', '', clerk)).total).toBe(0);
    expect((await search('Beurteilung', '', reader)).total).toBe(0);
    expect((await t.request(`/api/v1/dokumente/${ids.geheim}`, { token: clerk })).status).toBe(404);
    expect((await t.request(`/api/v1/dokumente/${ids.geheim}/inhalt`, { token: reader })).status).toBe(404);
    // Other counties see nothing of it either.
    expect((await search('Zweckvereinbarung', '', await t.tokenFor('kyffhaeuserkreis'))).total).toBe(0);
  });

  it('counts exactly up to 10,000 matches and reports more as "at least"', async () => {
    await bulkDokumente('Massenakte', 'Massenbrief', 'Rundschreiben', 10050);
    await t.superuser.query(
      `insert into dokument_versionen (tenant_id, dokument_id, version, sha256, groesse, mime, dateiname, created_by)
       select tenant_id, id, 1, repeat('a', 64), 0, 'text/plain', 'x.txt', 'test' from dokumente where titel like 'Massenbrief %'`,
    );
    const many = await search('Rundschreiben');
    expect(many).toMatchObject({ total: 10000, totalRelation: 'gte' });
    expect(many.items).toHaveLength(50);
    expect((await search('Beschlussvorlage')).totalRelation).toBe('eq');
  });

  it('pages through 260 equally ranked hits of one day without overlap or gaps', async () => {
    // One bulk upload: same day, same words, so every hit has the same rank and date.
    await bulkDokumente('Stapelakte', 'Stapelbrief', 'Seitenprobe', 260);
    const seen: string[] = [];
    for (const offset of [0, 200]) {
      const page = await search('Seitenprobe', `&limit=200&offset=${offset}`);
      seen.push(...page.items.map((hit: { dokumentId: string }) => hit.dokumentId));
    }
    expect(seen).toHaveLength(260);
    expect(new Set(seen).size).toBe(260);
  });

  it('refuses writes by the read-only role', async () => {
    const reader = await t.tokenFor('nordhausen', ['lesen']);
    expect((await t.request('/api/v1/akten', { token: reader, json: { titel: 'Nein' } })).status).toBe(403);
  });
});

describe('Postkorb', () => {
  it('shows new Vorgänge and documents for the person and OE, and due Wiedervorlagen and Fristen', async () => {
    const person = await t.tokenFor('nordhausen', ['sachbearbeitung'], 'sachbearbeitung');
    const today = new Date().toISOString().slice(0, 10);
    const akte = await t.request('/api/v1/akten', { token: admin, json: { titel: 'Postkorb' } });
    const assigned = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: admin,
      json: {
        betreff: 'Für die Sachbearbeitung',
        zustaendigPerson: 'sachbearbeitung',
        wiedervorlage: today,
        frist: today,
      },
    });
    const toOe = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: admin,
      json: { betreff: 'Für das Serviceteam', zustaendigOe: 'SE' },
    });
    await upload(admin, assigned.json.id, 'Neuer Eingang', 'eingang.txt');
    const box = (await t.request('/api/v1/postkorb', { token: person })).json;
    expect(box.neueVorgaenge.map((v: { id: string }) => v.id)).toEqual(
      expect.arrayContaining([assigned.json.id, toOe.json.id]),
    );
    expect(box.neueDokumente.map((d: { vorgangId: string }) => d.vorgangId)).toContain(assigned.json.id);
    expect(box.wiedervorlagen.map((v: { id: string }) => v.id)).toContain(assigned.json.id);
    expect(box.fristen.map((v: { id: string }) => v.id)).toContain(assigned.json.id);
    const onlyMine = (await t.request('/api/v1/postkorb?bereich=person', { token: person })).json;
    expect(onlyMine.neueVorgaenge.map((v: { id: string }) => v.id)).not.toContain(toOe.json.id);

    const seen = await t.request('/api/v1/postkorb/gesehen', {
      token: person,
      json: { typ: 'vorgang', id: assigned.json.id },
    });
    expect(seen.status).toBe(204);
    const after = (await t.request('/api/v1/postkorb', { token: person })).json;
    expect(after.neueVorgaenge.map((v: { id: string }) => v.id)).not.toContain(assigned.json.id);
    expect(after.wiedervorlagen.map((v: { id: string }) => v.id)).toContain(assigned.json.id);
    // A token that represents no person has no Postkorb.
    expect((await t.request('/api/v1/postkorb', { token: admin })).status).toBe(400);
  });
});
