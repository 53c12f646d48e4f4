import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';

let t: TestContext;
let token: string;
beforeAll(async () => {
  t = await createTestContext();
  token = await t.tokenFor('unstrut-hainich-kreis');
});
afterAll(() => t.close());

const api = (path: string, json?: unknown, method?: string) =>
  t.request(`/api/v1${path}`, { token, json, ...(method ? { method } : {}) });

/** The PDF of a GET with its headers (binary, not as text). */
async function pdfOf(path: string) {
  const response = await t.app.request(`/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes };
}

/**
 * What the E-Akte holds of an object's generated documents: per kind the filed version and the
 * number of versions of its Dokument, plus the documents in the session's Akte (read as owner).
 */
async function abgelegt(objektId: string) {
  const { rows } = await t.superuser.query(
    `select g.art, g.version, (select count(*)::int from dokument_versionen v where v.dokument_id = g.dokument_id) as versionen
     from gremien_dokumente g where g.objekt_id = $1 order by g.art`,
    [objektId],
  );
  const akte = await t.superuser.query(
    'select count(*)::int as n from dokumente d join sitzungen s on s.akte_id = d.akte_id where s.id = $1',
    [objektId],
  );
  return { dokumente: rows, inSitzungsakte: akte.rows[0].n as number };
}

/** Checks what the Antrag PDFs are checked for: PDF/A identification, sRGB intent, embedded fonts, text. */
async function pdfaText(bytes: Buffer) {
  const raw = bytes.toString('latin1');
  expect(raw.startsWith('%PDF-1.7')).toBe(true);
  expect(raw).toMatch(/pdfaid:part(>|=")2/);
  expect(raw).toMatch(/pdfaid:conformance(>|=")B/);
  expect(raw).toContain('/OutputIntents');
  expect(raw).toContain('/FontFile2');
  const { extractText, getDocumentProxy } = await import('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

describe('PDF/A of a Vorlage, an Einladung and a Niederschrift', () => {
  let kreistag: string;
  let vorlage: { id: string; drucksachenNr: string; akteId: string };
  let sitzung: string;
  const personen: string[] = [];

  beforeAll(async () => {
    kreistag = (await api('/gremien', { name: 'Kreistag', kuerzel: 'KTD', art: 'kreistag', sitze: 3 })).json
      .id;
    for (const [vorname, familienname, fraktion] of [
      ['Jürgen', 'Müller', 'Fraktion Grün-Weiß'],
      ['Käthe', 'Schäfer', 'Bürgerliste'],
      ['Ömer', 'Özdemir', 'Bürgerliste'],
    ]) {
      const person = await api('/personen', { vorname, familienname });
      personen.push(person.json.id);
      await api(`/gremien/${kreistag}/mitglieder`, { personId: person.json.id, von: '2019-07-01', fraktion });
    }
    vorlage = (
      await api('/vorlagen', {
        betreff: '1. Änderung der Zweckvereinbarung über das Serviceteam',
        einreicher: 'Verwaltung',
        einreichung: '2020-05-27',
        beschlussvorschlag: 'Die Zweckvereinbarung wird um den Wartburgkreis erweitert.',
        begruendung:
          'Dem Unstrut-Hainich-Kreis wurden rund 143.000 € bewilligt.\n\nDie Einsparungen wachsen.',
        unterzeichner: 'Zanker Landrat',
        beratungsfolge: [{ gremiumId: kreistag, datum: '2020-06-24', zustaendigkeit: 'entscheidung' }],
      })
    ).json;
    const form = new FormData();
    form.set('datei', new File(['Anlage'], 'zv.txt'));
    form.set('titel', '1. Änderung Zweckvereinbarung');
    await t.request(`/api/v1/vorlagen/${vorlage.id}/anlagen`, { token, body: form });
  });

  it('renders the Vorlage in the layout of the source document, as PDF/A with umlauts in the text layer', async () => {
    const r = await pdfOf(`/vorlagen/${vorlage.id}/pdf`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('x-dokument-id')).toBeNull(); // a draft is not filed
    const text = await pdfaText(r.bytes);
    for (const part of [
      'Kreistag UNSTRUT-HAINICH-KREIS',
      'Beschlussvorlage öffentlich',
      'Einreicher: Verwaltung',
      `Drucksachen-Nr.: ${vorlage.drucksachenNr}`,
      'Einreichung: 27.05.2020',
      'Beratungsfolge',
      '24.06.2020',
      'Betr.:',
      'Der Kreistag möge beschließen:',
      'Begründung:',
      'rund 143.000 € bewilligt',
      'Zanker Landrat',
      '1. 1. Änderung Zweckvereinbarung',
      'Abstimmungsergebnis:',
    ])
      expect(text, part).toContain(part);
    expect(text).toMatch(new RegExp(`${vorlage.drucksachenNr}\\s+Seite 1 von 1`));
  });

  it('reads back through the import: the generated PDF gives the same fields', async () => {
    const r = await pdfOf(`/vorlagen/${vorlage.id}/pdf`);
    const form = new FormData();
    form.set('datei', new File([new Uint8Array(r.bytes)], 'vorlage.pdf'));
    const imported = await t.request('/api/v1/vorlagen/import', { token, body: form });
    expect(imported.status).toBe(200);
    expect(imported.json.vorlage).toMatchObject({
      drucksachenNr: vorlage.drucksachenNr,
      einreicher: 'Verwaltung',
      einreichung: '2020-05-27',
      betreff: '1. Änderung der Zweckvereinbarung über das Serviceteam',
      beschlussvorschlag: 'Die Zweckvereinbarung wird um den Wartburgkreis erweitert.',
      unterzeichner: 'Zanker Landrat',
      beratungsfolge: [{ gremium: 'Kreistag', datum: '2020-06-24' }],
      anlagen: ['1. Änderung Zweckvereinbarung'],
    });
  });

  it('files the Drucksache when the Vorlage is published, once; reading the PDF files nothing', async () => {
    await pdfOf(`/vorlagen/${vorlage.id}/pdf`);
    await api(`/vorlagen/${vorlage.id}/freigabe`, undefined, 'POST');
    expect((await abgelegt(vorlage.id)).dokumente).toEqual([]);
    await api(`/vorlagen/${vorlage.id}/veroeffentlichung`, undefined, 'POST');
    // The publication only enqueues the filing; the job worker files it.
    expect((await abgelegt(vorlage.id)).dokumente).toEqual([]);
    await drainJobs(t);
    const published = await abgelegt(vorlage.id);
    expect(published.dokumente).toEqual([{ art: 'drucksache', version: 1, versionen: 1 }]);
    const first = await pdfOf(`/vorlagen/${vorlage.id}/pdf`);
    const dokumentId = first.headers.get('x-dokument-id');
    expect(dokumentId).toMatch(/^[0-9a-f-]{36}$/);
    const again = await pdfOf(`/vorlagen/${vorlage.id}/pdf`);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(again.headers.get('x-dokument-id')).toBe(dokumentId);
    expect(again.headers.get('x-dokument-version')).toBe('1');
    expect(await abgelegt(vorlage.id)).toEqual(published);
    const dokument = await api(`/dokumente/${dokumentId}`);
    expect(dokument.json).toMatchObject({
      akteId: vorlage.akteId,
      titel: `Drucksache ${vorlage.drucksachenNr} (PDF/A)`,
    });
  });

  it('renders the Einladung with public and non-public items, filed from the invitation on as new versions', async () => {
    sitzung = (
      await api(`/gremien/${kreistag}/sitzungen`, {
        beginn: '2020-06-24T17:00:00+02:00',
        ort: 'Mühlhausen, Kreistagssaal',
      })
    ).json.id;
    await api(`/sitzungen/${sitzung}/tagesordnung`, {
      titel: 'Änderung der Zweckvereinbarung',
      vorlageId: vorlage.id,
    });
    await api(`/sitzungen/${sitzung}/tagesordnung`, {
      titel: 'Personalangelegenheit Müller',
      oeffentlich: false,
    });
    const draft = await pdfOf(`/sitzungen/${sitzung}/einladung.pdf`);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('x-dokument-id')).toBeNull();
    expect(await abgelegt(sitzung)).toEqual({ dokumente: [], inSitzungsakte: 0 });
    const text = await pdfaText(draft.bytes);
    for (const part of [
      'Einladung zur Sitzung',
      '24.06.2020, 17:00 Uhr',
      'Mühlhausen, Kreistagssaal',
      'Öffentlicher Teil',
      'Ö 1',
      'Nichtöffentlicher Teil',
      'N 1',
      'Personalangelegenheit Müller',
      vorlage.drucksachenNr,
    ])
      expect(text, part).toContain(part);

    await api(`/sitzungen/${sitzung}`, { status: 'eingeladen' }, 'PATCH');
    expect(await abgelegt(sitzung)).toEqual({ dokumente: [], inSitzungsakte: 0 });
    await drainJobs(t);
    // The invitation filed exactly one version; two GETs after it change nothing in the Akte.
    const filed = await abgelegt(sitzung);
    expect(filed).toEqual({ dokumente: [{ art: 'einladung', version: 1, versionen: 1 }], inSitzungsakte: 1 });
    const invited = await pdfOf(`/sitzungen/${sitzung}/einladung.pdf`);
    await pdfOf(`/sitzungen/${sitzung}/einladung.pdf`);
    expect(await abgelegt(sitzung)).toEqual(filed);
    const dokumentId = invited.headers.get('x-dokument-id');
    expect(invited.headers.get('x-dokument-version')).toBe('1');
    const dokument = await api(`/dokumente/${dokumentId}`);
    expect(dokument.json.vertraulichkeit).toBe('intern'); // it lists a non-public item
    await api(`/sitzungen/${sitzung}/tagesordnung`, { titel: 'Anfragen' });
    expect((await abgelegt(sitzung)).dokumente).toEqual([{ art: 'einladung', version: 1, versionen: 1 }]);
    await drainJobs(t);
    expect((await abgelegt(sitzung)).dokumente).toEqual([{ art: 'einladung', version: 2, versionen: 2 }]);
    const changed = await pdfOf(`/sitzungen/${sitzung}/einladung.pdf`);
    expect(changed.headers.get('x-dokument-id')).toBe(dokumentId);
    expect(changed.headers.get('x-dokument-version')).toBe('2');
  });

  it('writes the Niederschrift only for a held session: attendance, votes per item, Beschlüsse', async () => {
    const early = await api(`/sitzungen/${sitzung}/niederschrift.pdf`);
    expect(early.status).toBe(409);
    expect(early.json.detailDe).toBe(
      'Eine Niederschrift gibt es erst, wenn die Sitzung durchgeführt ist (jetzt: eingeladen).',
    );
    await api(`/sitzungen/${sitzung}/anwesenheit`, { personIds: personen.slice(0, 2) }, 'PUT');
    const tops = (await api(`/sitzungen/${sitzung}`)).json.tagesordnung;
    const beraten = await api(
      `/tagesordnungspunkte/${tops[0].id}/beratung`,
      { ergebnis: 'beschlossen', ja: 2, nein: 0, enthaltung: 0 },
      'PUT',
    );
    await api(`/tagesordnungspunkte/${tops[1].id}/beratung`, { ergebnis: 'vertagt' }, 'PUT');
    await drainJobs(t);
    expect((await abgelegt(sitzung)).dokumente.map((d: { art: string }) => d.art)).toEqual(['einladung']);
    await api(`/sitzungen/${sitzung}`, { status: 'durchgefuehrt' }, 'PATCH');
    await drainJobs(t);
    const held = await abgelegt(sitzung);
    expect(held).toEqual({
      dokumente: [
        { art: 'einladung', version: 2, versionen: 2 },
        { art: 'niederschrift', version: 1, versionen: 1 },
      ],
      inSitzungsakte: 2,
    });
    const r = await pdfOf(`/sitzungen/${sitzung}/niederschrift.pdf`);
    await pdfOf(`/sitzungen/${sitzung}/niederschrift.pdf`);
    expect(await abgelegt(sitzung)).toEqual(held);
    expect(r.status).toBe(200);
    const text = await pdfaText(r.bytes);
    for (const part of [
      'Niederschrift der 1. Sitzung',
      'Anwesend: 2 von 3 Mitgliedern, davon 2 mit Stimmrecht.',
      'Jürgen Müller',
      'Käthe Schäfer',
      'Ömer Özdemir',
      'Ergebnis: beschlossen (Ja: 2, Nein: 0, Enthaltungen: 0)',
      `Beschluss-Nr. ${beraten.json.beschlussNr}`,
      'Ergebnis: vertagt',
      'Kein Ergebnis erfasst.',
      'Beschlüsse',
    ])
      expect(text, part).toContain(part);
    expect(r.headers.get('x-dokument-id')).toMatch(/^[0-9a-f-]{36}$/);
    // A vote corrected after the session: the Niederschrift's next version, filed by the correction.
    await api(`/tagesordnungspunkte/${tops[1].id}/beratung`, { ergebnis: 'zur_kenntnis' }, 'PUT');
    await drainJobs(t);
    expect((await abgelegt(sitzung)).dokumente[1]).toEqual({
      art: 'niederschrift',
      version: 2,
      versionen: 2,
    });
    // The Vorlage's PDF now shows the votes of its Beratung and its TOP.
    const withVotes = await pdfaText((await pdfOf(`/vorlagen/${vorlage.id}/pdf`)).bytes);
    expect(withVotes).toMatch(/Ja: 2\s+Nein: 0\s+Enthaltungen: 0/);
    expect(withVotes).toContain('Ö 1');
  });

  it('answers unknown or malformed ids with 404, never a 5xx', async () => {
    for (const path of [
      '/vorlagen/kaputt/pdf',
      '/sitzungen/kaputt/einladung.pdf',
      `/sitzungen/${vorlage.id}/niederschrift.pdf`,
    ])
      expect((await api(path)).status, path).toBe(404);
  });
});
