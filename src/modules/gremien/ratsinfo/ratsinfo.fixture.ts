import type { TestContext } from '../../../../test/support/context.ts';
import { councilApi } from '../../../../test/support/gremien.ts';

/**
 * Sample council data of the Unstrut-Hainich-Kreis for the tests of the public pages (Beispieldaten:
 * people, dates, votes and texts are invented; only KT/103/2020 follows the source document). A
 * canary text sits in everything the public must never see: a non-public agenda item and its
 * resolution, a non-public Vorlage, a non-public attachment, a Vorlage not yet published, and the
 * agenda of a session that is only planned.
 */
export const KREIS = 'unstrut-hainich-kreis';

export async function seedRatsinfo(t: TestContext, canary: string) {
  const token = await t.tokenFor(KREIS, ['kreis-admin', 'sachbearbeitung', 'leitung']);
  const { call, upload } = councilApi({ t, token });

  const kreistag = await call('POST', '/gremien', {
    name: 'Kreistag',
    kuerzel: 'KT',
    art: 'kreistag',
    sitze: 46,
  });
  const ausschuss = await call('POST', '/gremien', {
    name: 'Ausschuss für Digitalisierung',
    kuerzel: 'AD',
    art: 'ausschuss',
    sitze: 9,
  });
  const alt = await call('POST', '/wahlperioden', {
    name: '2014–2019',
    beginn: '2014-06-01',
    ende: '2019-05-31',
  });
  const neu = await call('POST', '/wahlperioden', {
    name: '2019–2024',
    beginn: '2019-06-01',
    ende: '2024-05-31',
  });
  const person = (familienname: string, vorname: string) =>
    call('POST', '/personen', { familienname, vorname });
  const [kramer, lange, otto, vogt] = await Promise.all([
    person('Kramer', 'Anke'),
    person('Lange', 'Bernd'),
    person('Otto', 'Carla'),
    person('Vogt', 'Dieter'),
  ]);
  const seat = (
    gremium: string,
    p: string,
    w: { id: string },
    fraktion: string,
    von: string,
    bis: string,
    rolle = 'mitglied',
  ) =>
    call('POST', `/gremien/${gremium}/mitglieder`, {
      personId: p,
      wahlperiodeId: w.id,
      fraktion,
      rolle,
      von,
      bis,
    });
  await seat(kreistag.id, kramer.id, neu, 'Fraktion Nord', '2019-06-01', '2024-05-31', 'vorsitz');
  await seat(kreistag.id, lange.id, neu, 'Fraktion Nord', '2019-06-01', '2024-05-31');
  await seat(kreistag.id, otto.id, neu, 'Fraktion Süd', '2019-06-01', '2024-05-31');
  await seat(kreistag.id, vogt.id, alt, 'Fraktion West', '2014-06-01', '2019-05-31');

  const publik = await call('POST', '/vorlagen', {
    betreff: '1. Änderung der Zweckvereinbarung Interkommunales Serviceteam E-Government',
    einreicher: 'Verwaltung',
    einreichung: '2020-05-27',
    beschlussvorschlag:
      'Der Kreistag möge beschließen: Der 1. Änderung der Zweckvereinbarung mit dem Beitritt des Wartburgkreises wird zugestimmt.',
    begruendung:
      'Mit dem Beitritt des Wartburgkreises sinken die Kosten je Mitglied. Die Anträge der Bürger werden gemeinsam digitalisiert.',
    beratungsfolge: [
      { gremiumId: ausschuss.id, datum: '2020-06-10', zustaendigkeit: 'vorberatung' },
      { gremiumId: kreistag.id, datum: '2020-06-24', zustaendigkeit: 'entscheidung' },
    ],
  });
  await call('PATCH', `/vorlagen/${publik.id}`, { drucksachenNr: 'KT/103/2020' });
  const anlage = await upload(
    publik.id,
    'Zweckvereinbarung in der Fassung der 1. Änderung',
    true,
    'Zweckvereinbarung Änderung.txt',
    'Text der Zweckvereinbarung (öffentlich)',
  );
  await upload(publik.id, `Vertragsentwurf ${canary}`, false, `${canary}.txt`, `Interna ${canary}`);
  await call('POST', `/vorlagen/${publik.id}/freigabe`);
  await call('POST', `/vorlagen/${publik.id}/veroeffentlichung`);

  const geheim = await call('POST', '/vorlagen', {
    betreff: `Grundstücksangelegenheit ${canary}`,
    oeffentlich: false,
    beschlussvorschlag: `Ankauf ${canary}`,
    beratungsfolge: [{ gremiumId: kreistag.id, datum: '2020-06-24' }],
  });
  await upload(geheim.id, `Wertgutachten ${canary}`, false, 'Gutachten.txt', `Wert ${canary}`);
  await call('POST', `/vorlagen/${geheim.id}/freigabe`);
  await call('POST', `/vorlagen/${geheim.id}/veroeffentlichung`);
  // Public, but still a draft: not on the public pages either.
  const entwurf = await call('POST', '/vorlagen', { betreff: `Haushaltsentwurf ${canary}` });

  const sitzung = await call('POST', `/gremien/${kreistag.id}/sitzungen`, {
    beginn: '2020-06-24T17:00:00+02:00',
    ende: '2020-06-24T20:00:00+02:00',
    ort: 'Landratsamt Mühlhausen, Großer Sitzungssaal',
  });
  const top = async (titel: string, oeffentlich: boolean, vorlageId?: string) =>
    (
      await call('POST', `/sitzungen/${sitzung.id}/tagesordnung`, { titel, oeffentlich, vorlageId })
    ).tagesordnung.at(-1);
  await top('Eröffnung und Feststellung der Beschlussfähigkeit', true);
  const topPublik = await top('Zweckvereinbarung: 1. Änderung', true, publik.id);
  await top('Haushalt 2021 (Entwurf)', true, entwurf.id);
  const topGeheim = await top(`Grundstück ${canary}`, false, geheim.id);
  await top('Anfragen', true);
  await call('PATCH', `/sitzungen/${sitzung.id}`, { status: 'eingeladen' });
  await call('PUT', `/sitzungen/${sitzung.id}/anwesenheit`, { personIds: [kramer.id, lange.id, otto.id] });
  await call('PUT', `/tagesordnungspunkte/${topPublik.id}/beratung`, {
    ergebnis: 'beschlossen',
    ja: 2,
    nein: 0,
    enthaltung: 1,
  });
  await call('PUT', `/tagesordnungspunkte/${topGeheim.id}/beratung`, {
    ergebnis: 'beschlossen',
    ja: 3,
    nein: 0,
    enthaltung: 0,
  });
  const { rows } = await t.superuser.query('select id from beschluesse where top_id = $1', [topGeheim.id]);
  await call('PATCH', `/beschluesse/${rows[0].id}`, { text: `Beschluss ${canary}` });
  await call('PATCH', `/sitzungen/${sitzung.id}`, { status: 'durchgefuehrt' });

  // Planned only: its agenda is not public yet.
  const geplant = await call('POST', `/gremien/${ausschuss.id}/sitzungen`, {
    beginn: '2020-07-08T16:00:00+02:00',
    ort: 'Landratsamt, Raum 101',
  });
  await call('POST', `/sitzungen/${geplant.id}/tagesordnung`, { titel: `Vorbereitung ${canary}` });
  // Invited, then cancelled: in the feed with STATUS:CANCELLED.
  const abgesagt = await call('POST', `/gremien/${kreistag.id}/sitzungen`, {
    beginn: '2020-09-16T17:00:00+02:00',
  });
  await call('PATCH', `/sitzungen/${abgesagt.id}`, { status: 'eingeladen' });
  await call('PATCH', `/sitzungen/${abgesagt.id}`, { status: 'abgesagt' });

  return {
    token,
    kreistag,
    ausschuss,
    neu,
    alt,
    publik,
    anlage,
    geheim,
    entwurf,
    sitzung,
    geplant,
    abgesagt,
  };
}
