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

const editorFields = (over: Record<string, string> = {}) => ({
  betreff: '7. Änderung der Zweckvereinbarung „Serviceteam E-Government“ (Seitentest)',
  art: 'beschlussvorlage',
  einreicher: 'Verwaltung',
  federfuehrendeOeId: '',
  einreichung: '2020-05-27',
  beschlussvorschlag: 'Der Kreistag möge beschließen: Der 1. Änderung wird zugestimmt.',
  begruendung: 'Der Wartburgkreis tritt bei.',
  unterzeichner: '',
  oeffentlich: '1',
  'folge-anzahl': '2',
  'folge-0-gremium': kreistag.gremium.id,
  'folge-0-datum': '2020-06-24',
  'folge-0-zustaendigkeit': 'entscheidung',
  'folge-1-gremium': '',
  'folge-1-datum': '',
  'folge-1-zustaendigkeit': 'entscheidung',
  ...over,
});

const vorlagenCount = async () =>
  Number(
    (await t.superuser.query(`select count(*) from vorlagen where tenant_id = 'unstrut-hainich-kreis'`))
      .rows[0].count,
  );

describe('Vorlagen in the staff UI', () => {
  it('a case worker creates a Vorlage in the editor and sees its Drucksachen-Nr., state and Beratungsfolge', async () => {
    const created = await postForm(t, sachbearbeitung, '/vorlagen', editorFields());
    expect(created.status).toBe(303);
    expect(flashOf(created.location).ok).toMatch(/^Vorlage \S+ angelegt\.$/);
    const page = await getPage(t, sachbearbeitung, created.location!);
    expect(page.status).toBe(200);
    const nr = /^Vorlage (\S+) angelegt/.exec(flashOf(created.location).ok!)![1]!;
    expect(page.html).toContain(`Vorlage ${nr}`);
    expect(page.html).toContain('Entwurf');
    expect(page.html).toContain('Kreistag KTUI (Entscheidung, 24.06.2020)');
    expect(page.html).toContain('Freigeben darf nur die Leitung');
    // The PDF of the Vorlage (documents of the module), reached with the same session.
    const pdfHref = /href="(\/api\/v1\/vorlagen\/[0-9a-f-]{36}\/pdf)"/.exec(page.html)![1]!;
    const pdf = await t.app.request(pdfHref, { headers: { cookie: sachbearbeitung.cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Its own Akte in the E-Akte (made with the Vorlage) and its Anlagen.
    expect(page.html).toContain('Anlagen (0)');
    expect(page.html).toMatch(/href="\/akten\/[0-9a-f-]{36}">Akte der Vorlage in der E-Akte/);
    expect(page.html).not.toContain('>Freigeben<');
  });

  it('an empty Betreff and an impossible date come back at their fields in German, with what was typed', async () => {
    const before = await vorlagenCount();
    const r = await postForm(
      t,
      sachbearbeitung,
      '/vorlagen',
      editorFields({
        betreff: '',
        einreichung: '31.02.2020',
        'folge-1-datum': '2020-07-01',
        begruendung: 'Bleibt stehen',
      }),
    );
    expect(r.status).toBe(422);
    expect(r.html).toContain('id="betreff-error"');
    expect(r.html).toContain('Bitte geben Sie den Betreff an');
    expect(r.html).toContain('id="einreichung-error"');
    expect(r.html).toContain('Bitte geben Sie die Einreichung als Datum an (TT.MM.JJJJ).');
    // A date without a Gremium in its row of the Beratungsfolge.
    expect(r.html).toContain('id="folge-1-gremium-error"');
    expect(r.html).toContain('Bleibt stehen');
    expect(r.html).toContain('aria-invalid="true"');
    expect(await vorlagenCount()).toBe(before);
  });

  it('a form post without the CSRF token is refused and creates nothing', async () => {
    const before = await vorlagenCount();
    const r = await postForm(t, sachbearbeitung, '/vorlagen', editorFields(), { csrf: false });
    expect(r.status).toBe(403);
    expect(r.html).toContain('Das Formular ist abgelaufen');
    expect(await vorlagenCount()).toBe(before);
  });

  it('only the Leitung releases; a case worker posting the Freigabe gets the reason, then the Vorlage is published', async () => {
    const created = await postForm(
      t,
      sachbearbeitung,
      '/vorlagen',
      editorFields({ betreff: 'Gebührensatzung Seitentest (Beispieldaten)' }),
    );
    const path = created.location!.split('?')[0]!;
    const refused = await postForm(t, sachbearbeitung, `${path}/freigabe`, {});
    expect(refused.status).toBe(303);
    expect(flashOf(refused.location).fehler).toBe('Eine Vorlage freigeben darf nur die Leitung.');
    expect((await getPage(t, sachbearbeitung, refused.location!)).html).toContain(
      'Eine Vorlage freigeben darf nur die Leitung.',
    );

    const asLeitung = await getPage(t, leitung, path);
    expect(asLeitung.html).toContain('>Freigeben<');
    const released = await postForm(t, leitung, `${path}/freigabe`, {});
    expect(flashOf(released.location).ok).toMatch(/freigegeben\.$/);
    const afterRelease = await getPage(t, sachbearbeitung, path);
    expect(afterRelease.html).toContain('Freigegeben von leitung');
    expect(afterRelease.html).toContain('Eine Änderung hebt die Freigabe auf');

    const published = await postForm(t, sachbearbeitung, `${path}/veroeffentlichung`, {});
    expect(flashOf(published.location).ok).toContain('veröffentlicht');
    const done = await getPage(t, sachbearbeitung, path);
    expect(done.html).toContain('Eine veröffentlichte Vorlage lässt sich nicht mehr ändern.');
    expect(done.html).not.toContain('Änderungen speichern');
    const change = await postForm(t, sachbearbeitung, path, editorFields({ betreff: 'Später geändert' }));
    expect(change.status).toBe(409);
    expect(change.html).toContain('Eine veröffentlichte Vorlage lässt sich nicht mehr ändern.');
  });

  it('a change after the Freigabe is saved and lifts the Freigabe, said in the message', async () => {
    const created = await postForm(
      t,
      sachbearbeitung,
      '/vorlagen',
      editorFields({ betreff: 'Kreisstraße K 101 (Beispieldaten)' }),
    );
    const path = created.location!.split('?')[0]!;
    await postForm(t, leitung, `${path}/freigabe`, {});
    const changed = await postForm(
      t,
      sachbearbeitung,
      path,
      editorFields({ betreff: 'Kreisstraße K 101, Ausbau (Beispieldaten)', oeffentlich: '' }),
    );
    expect(flashOf(changed.location).ok).toBe(
      'Gespeichert. Die Freigabe ist aufgehoben; die Leitung muss erneut freigeben.',
    );
    const page = await getPage(t, sachbearbeitung, path);
    expect(page.html).toContain('Kreisstraße K 101, Ausbau');
    expect(page.html).toContain('nichtöffentlich');
    expect(page.html).toContain('Entwurf');
  });

  it('the list filters by state, and a reader sees it without any form', async () => {
    const drafts = await getPage(t, lesen, '/vorlagen?status=entwurf');
    expect(drafts.status).toBe(200);
    expect(drafts.html).toContain('7. Änderung der Zweckvereinbarung');
    expect(drafts.html).not.toContain('Gebührensatzung Seitentest');
    expect(drafts.html).not.toContain('href="/vorlagen/neu"');
    const published = await getPage(t, lesen, '/vorlagen?status=veroeffentlicht');
    expect(published.html).toContain('Gebührensatzung Seitentest');
    expect(published.html).not.toContain('7. Änderung der Zweckvereinbarung');
    expect((await getPage(t, lesen, '/vorlagen/neu')).status).toBe(403);
    const id = /href="\/vorlagen\/([0-9a-f-]{36})"/.exec(drafts.html)![1]!;
    const page = await getPage(t, lesen, `/vorlagen/${id}`);
    expect(page.html).toContain(
      'Ändern dürfen die Sachbearbeitung, die Leitung und die Kreis-Administration.',
    );
    expect(page.html).not.toContain('name="betreff"');
  });

  it('a malformed or foreign id is a 404 page, and without a session the pages lead to the sign-in', async () => {
    expect((await getPage(t, sachbearbeitung, '/vorlagen/keine-uuid')).status).toBe(404);
    const other = await sessionOf(t, 'nordhausen', 'sachbearbeitung');
    const ours = /href="\/vorlagen\/([0-9a-f-]{36})"/.exec(
      (await getPage(t, sachbearbeitung, '/vorlagen')).html,
    )![1]!;
    const foreign = await getPage(t, other, `/vorlagen/${ours}`);
    expect(foreign.status).toBe(404);
    expect(foreign.html).toContain('Die Vorlage wurde nicht gefunden.');
    const anonymous = await t.app.request('/vorlagen', { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/anmelden?weiter=%2Fvorlagen');
  });
});
