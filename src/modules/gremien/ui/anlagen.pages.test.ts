import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { flashOf, getPage, postForm, type Session, seedKreistag, sessionOf } from './gremien-ui.fixture.ts';

let t: TestContext;
let sachbearbeitung: Session;
let leitung: Session;
let lesen: Session;
let kreistag: Awaited<ReturnType<typeof seedKreistag>>;

beforeAll(async () => {
  t = await createTestContext();
  kreistag = await seedKreistag(t, 'unstrut-hainich-kreis');
  sachbearbeitung = await sessionOf(t, 'unstrut-hainich-kreis', 'sachbearbeitung');
  leitung = await sessionOf(t, 'unstrut-hainich-kreis', 'leitung');
  lesen = await sessionOf(t, 'unstrut-hainich-kreis', 'lesen');
});
afterAll(() => t?.close());

/** A new Vorlage through the editor; its page path. */
async function neueVorlage(oeffentlich = true) {
  const created = await postForm(t, sachbearbeitung, '/vorlagen', {
    betreff: 'Anlagen im Editor (Seitentest)',
    art: 'beschlussvorlage',
    einreicher: 'Verwaltung',
    federfuehrendeOeId: '',
    einreichung: '2020-05-27',
    beschlussvorschlag: 'Der Kreistag möge beschließen.',
    begruendung: 'Begründung.',
    unterzeichner: '',
    ...(oeffentlich ? { oeffentlich: '1' } : {}),
    'folge-anzahl': '1',
    'folge-0-gremium': kreistag.gremium.id,
    'folge-0-datum': '2020-06-24',
    'folge-0-zustaendigkeit': 'entscheidung',
  });
  expect(created.status).toBe(303);
  return created.location!.split('?')[0]!;
}

/** The upload form as a browser sends it: multipart, the CSRF token in the action's query. */
async function upload(
  s: Session,
  path: string,
  file: { name: string; text: string } | null,
  fields: Record<string, string> = {},
  { csrf = true } = {},
) {
  const form = new FormData();
  form.append('datei', new Blob([file?.text ?? ''], { type: 'text/plain' }), file?.name ?? '');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const query = csrf ? `?_csrf=${encodeURIComponent(s.csrf)}` : '';
  const r = await t.app.request(`${path}/anlagen${query}`, {
    method: 'POST',
    headers: { cookie: s.cookie, accept: 'text/html' },
    body: form,
  });
  return { status: r.status, location: r.headers.get('location') };
}

describe('Anlagen in the Vorlage editor', () => {
  it('a case worker uploads an Anlage with a title; it is listed, filed in the Vorlage’s Akte and public like its Vorlage', async () => {
    const path = await neueVorlage();
    const page = await getPage(t, sachbearbeitung, path);
    expect(page.html).toContain('Anlage hinzufügen');
    expect(page.html).toMatch(
      /action="\/vorlagen\/[0-9a-f-]{36}\/anlagen\?_csrf=[^"]+" enctype="multipart\/form-data"/,
    );

    const r = await upload(
      sachbearbeitung,
      path,
      { name: 'kostenplan.txt', text: 'Kosten 2020: 240.000 EUR' },
      {
        titel: 'Kostenplan 2020',
        oeffentlich: 'ja',
      },
    );
    expect(r.status).toBe(303);
    expect(flashOf(r.location).ok).toBe('Anlage „Kostenplan 2020“ hinzugefügt.');
    const after = await getPage(t, sachbearbeitung, path);
    expect(after.html).toContain('Anlagen (1)');
    expect(after.html).toContain('Kostenplan 2020');
    const id = path.split('/').pop()!;
    const rows = await t.superuser.query(
      `select a.titel, a.oeffentlich, d.titel as dokument, d.akte_id = v.akte_id as in_akte
         from vorlage_anlagen a join dokumente d on d.tenant_id = a.tenant_id and d.id = a.dokument_id
         join vorlagen v on v.tenant_id = a.tenant_id and v.id = a.vorlage_id
        where a.vorlage_id = $1`,
      [id],
    );
    expect(rows.rows).toEqual([
      { titel: 'Kostenplan 2020', oeffentlich: true, dokument: 'Kostenplan 2020', in_akte: true },
    ]);

    // Without a title the file name is the title; an unticked box makes it nichtöffentlich.
    const second = await upload(sachbearbeitung, path, { name: 'intern.txt', text: 'nur intern' });
    expect(flashOf(second.location).ok).toBe('Anlage „intern.txt“ hinzugefügt (nichtöffentlich).');
  });

  it('no file, no CSRF token, a reader and a published Vorlage are refused in German; nothing is filed', async () => {
    const path = await neueVorlage();
    const id = path.split('/').pop()!;
    const count = async () =>
      Number(
        (await t.superuser.query('select count(*) from vorlage_anlagen where vorlage_id = $1', [id])).rows[0]
          .count,
      );

    const leer = await upload(sachbearbeitung, path, null);
    expect(leer.status).toBe(303);
    expect(flashOf(leer.location).fehler).toBe('Bitte wählen Sie eine Datei für die Anlage aus.');

    expect(
      (await upload(sachbearbeitung, path, { name: 'a.txt', text: 'a' }, {}, { csrf: false })).status,
    ).toBe(403);

    const reader = await upload(lesen, path, { name: 'a.txt', text: 'a' });
    expect(flashOf(reader.location).fehler).toBe('Dazu fehlt Ihnen die Berechtigung.');
    expect((await getPage(t, lesen, path)).html).not.toContain('Anlage hinzufügen');

    expect((await postForm(t, leitung, `${path}/freigabe`, {})).status).toBe(303);
    expect((await postForm(t, leitung, `${path}/veroeffentlichung`, {})).status).toBe(303);
    const frozen = await upload(sachbearbeitung, path, { name: 'spaet.txt', text: 'zu spät' });
    expect(flashOf(frozen.location).fehler).toBe(
      'Die Anlagen einer veröffentlichten Vorlage sind eingefroren.',
    );
    const page = await getPage(t, sachbearbeitung, path);
    expect(page.html).toContain('Die Anlagen einer veröffentlichten Vorlage sind eingefroren.');
    expect(page.html).not.toContain('Anlage hinzufügen');
    expect(await count()).toBe(0);
  });
});
