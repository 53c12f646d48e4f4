import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { flashOf, getPage, postForm, type Session, seedKreistag, sessionOf } from './gremien-ui.fixture.ts';

const KREIS = 'wartburgkreis';
let t: TestContext;
let sb: Session;
let lesen: Session;
let k: Awaited<ReturnType<typeof seedKreistag>>;
let sitzungPath: string;
let tops: string[];

beforeAll(async () => {
  t = await createTestContext();
  k = await seedKreistag(t, KREIS);
  sb = await sessionOf(t, KREIS, 'sachbearbeitung');
  lesen = await sessionOf(t, KREIS, 'lesen');
});
afterAll(() => t?.close());

/** The agenda's titles in the order the page shows them. */
const agendaOf = (html: string) => {
  const section = html.slice(html.indexOf('id="tagesordnung"'), html.indexOf('id="top-neu"'));
  return [
    ...section.matchAll(
      /<td class="kern-table__cell">(?:Ö|N) \d+<\/td><td class="kern-table__cell">([^<]+)/g,
    ),
  ].map((m) => m[1]);
};

describe('Sitzungen, agenda, cockpit and Beschlusskontrolle in the staff UI', () => {
  it('a session is created from a Berlin date and time, with German errors at the fields first', async () => {
    const bad = await postForm(t, sb, '/sitzungen', {
      gremiumId: '',
      datum: '2020-06-31',
      beginn: '17:00',
      ende: '',
      ort: '',
    });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('id="gremiumId-error"');
    expect(bad.html).toContain('Bitte geben Sie das Datum der Sitzung an (TT.MM.JJJJ).');
    const wrongEnd = await postForm(t, sb, '/sitzungen', {
      gremiumId: k.gremium.id,
      datum: '20.06.2024',
      beginn: '17:00',
      ende: '16:00',
      ort: 'Kreistagssaal',
    });
    expect(wrongEnd.status).toBe(400);
    expect(wrongEnd.html).toContain('id="ende-error"');
    expect(wrongEnd.html).toContain('Das Ende liegt vor dem Beginn.');

    const ok = await postForm(t, sb, '/sitzungen', {
      gremiumId: k.gremium.id,
      datum: '20.06.2024',
      beginn: '17:00',
      ende: '19:30',
      ort: 'Kreistagssaal',
    });
    expect(ok.status).toBe(303);
    expect(flashOf(ok.location).ok).toBe('1. Sitzung Kreistag KTUI angelegt.');
    sitzungPath = ok.location!.split('?')[0]!;
    const { rows } = await t.superuser.query(`select beginn, ende from sitzungen where id = $1`, [
      sitzungPath.split('/')[2],
    ]);
    expect(rows[0].beginn.toISOString()).toBe('2024-06-20T15:00:00.000Z');
    expect(rows[0].ende.toISOString()).toBe('2024-06-20T17:30:00.000Z');
    const list = await getPage(t, lesen, '/sitzungen?von=2024-06-01&bis=2024-06-30');
    expect(list.html).toContain('Juni 2024');
    expect(list.html).toContain('1. Sitzung Kreistag KTUI');
    expect(list.html).toContain('17:00–19:30 Uhr');
    expect(list.html).toContain('Sitzungen anlegen dürfen die Sachbearbeitung');
  });

  it('the agenda is built with public and non-public items and reordered with plain form posts', async () => {
    const office = k.office;
    const geheim = await t.services.gremien.vorlagen.createVorlage(office, {
      betreff: 'Personalsache (Beispieldaten)',
      oeffentlich: false,
    });
    const offen = await t.services.gremien.vorlagen.createVorlage(office, {
      betreff: 'Beitritt Wartburgkreis (Beispieldaten)',
    });
    const refused = await postForm(t, sb, `${sitzungPath}/tagesordnung`, {
      titel: '',
      teil: 'oeffentlich',
      vorlageId: geheim.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('id="vorlageId-error"');
    expect(refused.html).toContain(
      'Eine nichtöffentliche Vorlage gehört in den nichtöffentlichen Teil der Sitzung.',
    );
    const empty = await postForm(t, sb, `${sitzungPath}/tagesordnung`, {
      titel: '',
      teil: 'oeffentlich',
      vorlageId: '',
    });
    expect(empty.html).toContain('Bitte geben Sie den Gegenstand an oder wählen Sie eine Vorlage.');

    for (const fields of [
      { titel: 'Eröffnung', teil: 'oeffentlich', vorlageId: '' },
      { titel: '', teil: 'oeffentlich', vorlageId: offen.id },
      { titel: '', teil: 'nichtoeffentlich', vorlageId: geheim.id },
    ]) {
      const r = await postForm(t, sb, `${sitzungPath}/tagesordnung`, fields);
      expect(r.status).toBe(303);
    }
    let page = await getPage(t, sb, sitzungPath);
    expect(agendaOf(page.html)).toEqual([
      'Eröffnung',
      'Beitritt Wartburgkreis (Beispieldaten)',
      'Personalsache (Beispieldaten)',
    ]);
    expect(page.html).toContain('(nichtöffentlich)');
    tops = (
      await t.services.gremien.sitzungen.getSitzung(office, sitzungPath.split('/')[2]!)
    ).tagesordnung!.map((x) => x.id);

    const down = await postForm(t, sb, `${sitzungPath}/tagesordnung/verschieben`, {
      top: tops[0]!,
      richtung: 'runter',
    });
    expect(flashOf(down.location).ok).toBe('Tagesordnung umgestellt.');
    page = await getPage(t, sb, sitzungPath);
    expect(agendaOf(page.html)).toEqual([
      'Beitritt Wartburgkreis (Beispieldaten)',
      'Eröffnung',
      'Personalsache (Beispieldaten)',
    ]);
    await postForm(t, sb, `${sitzungPath}/tagesordnung/verschieben`, { top: tops[0]!, richtung: 'hoch' });
    page = await getPage(t, sb, sitzungPath);
    expect(agendaOf(page.html)).toEqual([
      'Eröffnung',
      'Beitritt Wartburgkreis (Beispieldaten)',
      'Personalsache (Beispieldaten)',
    ]);
    // A reader sees the agenda, but no buttons and no form.
    const asReader = await getPage(t, lesen, sitzungPath);
    expect(asReader.html).not.toContain('nach oben');
    expect(asReader.html).toContain('Die Tagesordnung bearbeiten dürfen');
    const readerMove = await postForm(t, lesen, `${sitzungPath}/tagesordnung/verschieben`, {
      top: tops[0]!,
      richtung: 'runter',
    });
    expect(flashOf(readerMove.location).fehler).toBe('Dazu fehlt Ihnen die Berechtigung.');
  });

  it('attendance takes members on the day only; votes above the voting members present come back at the item', async () => {
    const cockpit = `${sitzungPath}/cockpit`;
    const geplant = await postForm(t, sb, `${sitzungPath}/tagesordnungspunkte/${tops[1]}/beratung`, {
      [`ergebnis-${tops[1]}`]: 'beschlossen',
      [`ja-${tops[1]}`]: '1',
      [`nein-${tops[1]}`]: '0',
      [`enthaltung-${tops[1]}`]: '0',
    });
    expect(geplant.status).toBe(409);
    expect(geplant.html).toContain('Beratungen werden erst ab der Einladung erfasst');

    const invited = await postForm(t, sb, `${sitzungPath}/status`, { status: 'eingeladen' });
    expect(flashOf(invited.location).ok).toBe('Die Sitzung ist jetzt eingeladen.');

    const stranger = await postForm(t, sb, `${sitzungPath}/anwesenheit`, {
      anwesend: [k.personen[0]!.id, k.fremd.id],
    });
    expect(flashOf(stranger.location).fehler).toBe(
      'Anwesend sein können nur Mitglieder des Gremiums am Tag der Sitzung.',
    );
    const present = await postForm(t, sb, `${sitzungPath}/anwesenheit`, {
      anwesend: [k.personen[0]!.id, k.personen[1]!.id],
    });
    expect(flashOf(present.location).ok).toBe('Anwesenheit gespeichert: 2 anwesend.');
    const page = await getPage(t, sb, cockpit);
    expect(page.html).toContain('2 von 3 Mitgliedern anwesend, davon 2 mit Stimmrecht.');
    expect(page.html).not.toContain('Ohnesitz');

    const top = tops[1]!;
    const vote = (ja: string, nein: string, enthaltung: string) =>
      postForm(t, sb, `${sitzungPath}/tagesordnungspunkte/${top}/beratung`, {
        [`ergebnis-${top}`]: 'beschlossen',
        [`ja-${top}`]: ja,
        [`nein-${top}`]: nein,
        [`enthaltung-${top}`]: enthaltung,
      });
    const tooMany = await vote('2', '1', '0');
    expect(tooMany.status).toBe(422);
    expect(tooMany.html).toContain(`id="ja-${top}-error"`);
    expect(tooMany.html).toContain(
      'Ja, Nein und Enthaltungen (3) übersteigen die anwesenden Stimmberechtigten (2).',
    );
    expect(tooMany.html).toContain('Das Ergebnis wurde nicht gespeichert');
    const halfway = await vote('2', '', '');
    expect(halfway.status).toBe(400);
    expect(halfway.html).toContain('Ja, Nein und Enthaltungen werden zusammen angegeben');
    const notANumber = await vote('zwei', '0', '0');
    expect(notANumber.status).toBe(422);
    expect(notANumber.html).toContain('Bitte eine ganze Zahl ab 0 angeben');
    const ok = await vote('2', '0', '0');
    expect(flashOf(ok.location).ok).toBe('Ergebnis gespeichert: beschlossen.');
    expect((await getPage(t, sb, cockpit)).html).toContain('beschlossen – Ja 2, Nein 0, Enthaltungen 0');
  });

  it('the Beschluss appears in the Beschlusskontrolle; its text and state change there and the filter follows', async () => {
    const list = await getPage(t, lesen, '/beschluesse?umsetzung=offen');
    expect(list.html).toMatch(/Beschluss KTUI\/001-02\/24: Beitritt Wartburgkreis/);
    expect(list.html).not.toContain('name="text"');
    // The form's own field names, as the editing roles get them.
    expect((await getPage(t, sb, '/beschluesse')).html).toMatch(/name="umsetzung-[0-9a-f-]{36}"/);
    const { rows } = await t.superuser.query(`select id from beschluesse where nummer like 'KTUI/%'`);
    const id = rows[0].id as string;
    const saved = await postForm(t, sb, `/beschluesse/${id}`, {
      text: 'Dem Beitritt wird zugestimmt.',
      [`umsetzung-${id}`]: 'in_umsetzung',
      zurueck: '/beschluesse?umsetzung=offen',
    });
    expect(saved.location).toMatch(/^\/beschluesse\?umsetzung=offen&ok=/);
    expect(flashOf(saved.location).ok).toBe('Beschluss KTUI/001-02/24 gespeichert (in Umsetzung).');
    expect((await getPage(t, sb, '/beschluesse?umsetzung=offen')).html).not.toContain('KTUI/001-02/24');
    const inWork = await getPage(t, sb, '/beschluesse?umsetzung=in_umsetzung');
    expect(inWork.html).toContain('Dem Beitritt wird zugestimmt.');
    const elsewhere = await postForm(t, sb, `/beschluesse/${id}`, {
      text: '',
      [`umsetzung-${id}`]: 'erledigt',
      zurueck: 'https://example.org/',
    });
    expect(elsewhere.location).toMatch(/^\/beschluesse\?ok=/);
    const bogus = await postForm(t, sb, `/beschluesse/${id}`, { text: '', [`umsetzung-${id}`]: 'vergessen' });
    expect(flashOf(bogus.location).fehler).toBe('Diesen Umsetzungsstand gibt es nicht.');
  });

  it('a held session offers no state change back, and the Gremium page takes a new member or says why not', async () => {
    const held = await postForm(t, sb, `${sitzungPath}/status`, { status: 'durchgefuehrt' });
    expect(flashOf(held.location).ok).toBe('Die Sitzung ist jetzt durchgeführt.');
    const page = await getPage(t, sb, sitzungPath);
    expect(page.html).toContain('Eine durchgeführte Sitzung ändert ihren Stand nicht mehr.');
    for (const art of ['einladung', 'niederschrift']) {
      expect(page.html).toContain(`href="/api/v1${sitzungPath}/${art}.pdf"`);
      const pdf = await t.app.request(`/api/v1${sitzungPath}/${art}.pdf`, { headers: { cookie: sb.cookie } });
      expect(pdf.status).toBe(200);
    }
    expect(page.html).toContain('Die Tagesordnung einer durchgeführten Sitzung ist geschlossen.');
    const back = await postForm(t, sb, `${sitzungPath}/status`, { status: 'geplant' });
    expect(flashOf(back.location).fehler).toBe(
      'Eine Sitzung im Stand „durchgeführt“ kann nicht „geplant“ werden.',
    );

    const leitung = await sessionOf(t, KREIS, 'leitung');
    const member = (fields: Record<string, string>) =>
      postForm(t, leitung, `/gremien/${k.gremium.id}/mitglieder`, {
        personId: '',
        familienname: 'Dietrich',
        vorname: 'Beispiel',
        titel: '',
        wahlperiodeId: k.wahlperiode.id,
        rolle: 'mitglied',
        fraktion: '',
        von: '2020-01-01',
        bis: '',
        ...fields,
      });
    const full = await member({ stimmberechtigt: '1' });
    expect(flashOf(full.location).fehler).toBe(
      'Kreistag KTUI hat 3 Sitze mit Stimmrecht; in diesem Zeitraum sind alle besetzt.',
    );
    const advisory = await member({ rolle: 'beratend', familienname: 'Engel' });
    expect(flashOf(advisory.location).ok).toBe('Beispiel Engel eingetragen.');
    const gremium = await getPage(t, leitung, `/gremien/${k.gremium.id}`);
    expect(gremium.html).toContain('Mitglieder – Wahlperiode 2019–2024 KTUI');
    expect(gremium.html).toContain('beratendes Mitglied');
    const asCaseWorker = await getPage(t, sb, `/gremien/${k.gremium.id}`);
    expect(asCaseWorker.html).toContain(
      'Mitglieder eintragen: Das pflegen die Kreis-Administration und die Leitung.',
    );
    const bySb = await postForm(t, sb, `/gremien/${k.gremium.id}/mitglieder`, {
      personId: k.fremd.id,
      rolle: 'mitglied',
      von: '2020-01-01',
    });
    expect(flashOf(bySb.location).fehler).toBe('Das pflegt die Kreis-Administration oder die Leitung.');
  });

  it('a case worker of another county finds neither the session, its cockpit nor its Beschluss', async () => {
    const fremd = await sessionOf(t, 'nordhausen', 'sachbearbeitung');
    expect((await getPage(t, fremd, sitzungPath)).status).toBe(404);
    expect((await getPage(t, fremd, `${sitzungPath}/cockpit`)).status).toBe(404);
    const top = await postForm(t, fremd, `${sitzungPath}/tagesordnung`, {
      titel: 'Fremd',
      teil: 'oeffentlich',
      vorlageId: '',
    });
    expect(top.status).toBe(404);
    const vote = await postForm(t, fremd, `${sitzungPath}/tagesordnungspunkte/${tops[0]}/beratung`, {
      [`ergebnis-${tops[0]}`]: 'abgelehnt',
    });
    expect(vote.status).toBe(404);
    const id = /id="beschluss-([0-9a-f-]{36})"/.exec((await getPage(t, sb, '/beschluesse')).html)![1]!;
    const beschluss = await postForm(t, fremd, `/beschluesse/${id}`, {
      text: 'Fremd',
      [`umsetzung-${id}`]: 'offen',
    });
    expect(flashOf(beschluss.location).fehler).toBe('Der Beschluss wurde nicht gefunden.');
    expect((await getPage(t, fremd, '/beschluesse')).html).not.toContain(id);
    expect(
      (await t.services.gremien.sitzungen.getSitzung(k.office, sitzungPath.split('/')[2]!)).tagesordnung,
    ).toHaveLength(3);
  });
});
