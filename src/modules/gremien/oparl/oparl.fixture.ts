import type { TestContext } from '../../../../test/support/context.ts';
import { councilApi } from '../../../../test/support/gremien.ts';

/** Text that must never leave the county: it sits only in non-public parts of the council data. */
export const CANARY = 'KANARIENVOGEL-7f3a';

/**
 * A small council of one county through the staff API (Beispieldaten): a Wahlperiode, a Kreistag with
 * two members, a published public Vorlage with a public and a non-public Anlage, a published
 * non-public Vorlage and a draft (both with the canary), and a session with a public and a
 * non-public agenda item, attendance, votes and a Beschluss.
 */
export async function buildCouncil(t: TestContext, tenant: string) {
  const token = await t.tokenFor(tenant);
  const { call, upload } = councilApi({ t, token });
  const suffix = String(Date.now()).slice(-5);
  const wahlperiode = await call('POST', '/wahlperioden', {
    name: `Wahlperiode ${suffix}`,
    beginn: '2019-07-01',
    ende: '2024-06-30',
  });
  const gremium = await call('POST', '/gremien', {
    name: `Kreistag ${suffix}`,
    kuerzel: `K${suffix}`,
    art: 'kreistag',
    sitze: 5,
  });
  const personen = [];
  for (const [familienname, vorname] of [
    ['Müller', 'Anna'],
    ['Schäfer', 'Jörg'],
  ]) {
    const person = await call('POST', '/personen', { familienname, vorname });
    await call('POST', `/gremien/${gremium.id}/mitglieder`, {
      personId: person.id,
      wahlperiodeId: wahlperiode.id,
      von: '2019-07-01',
      fraktion: 'Fraktion A (Beispiel)',
    });
    personen.push(person);
  }
  const publish = async (id: string) => {
    await call('POST', `/vorlagen/${id}/freigabe`);
    await call('POST', `/vorlagen/${id}/veroeffentlichung`);
  };
  const beratungsfolge = [{ gremiumId: gremium.id, datum: '2020-06-24', zustaendigkeit: 'entscheidung' }];
  const oeffentlich = await call('POST', '/vorlagen', {
    betreff: '1. Änderung der Zweckvereinbarung (Beispiel)',
    einreicher: 'Verwaltung',
    einreichung: '2020-05-27',
    beratungsfolge,
  });
  const anlage = await upload(
    oeffentlich.id,
    'Kostenschlüssel',
    true,
    'Kostenschlüssel Übersicht.txt',
    'Öffentlich.',
  );
  await upload(oeffentlich.id, `Vermerk ${CANARY}`, false, `${CANARY}.txt`, `Inhalt ${CANARY}`);
  await publish(oeffentlich.id);
  const geheim = await call('POST', '/vorlagen', {
    betreff: `Personalsache ${CANARY}`,
    oeffentlich: false,
    begruendung: CANARY,
    beratungsfolge,
  });
  await upload(geheim.id, `Anlage ${CANARY}`, false, `geheim-${CANARY}.txt`, CANARY);
  await publish(geheim.id);
  const entwurf = await call('POST', '/vorlagen', { betreff: `Entwurf ${CANARY}`, beratungsfolge });

  const sitzung = await call('POST', `/gremien/${gremium.id}/sitzungen`, {
    beginn: '2020-06-24T17:00:00+02:00',
    ende: '2020-06-24T20:00:00+02:00',
    ort: 'Kreistagssaal, Lindenbühl 28, Mühlhausen',
  });
  await call('POST', `/sitzungen/${sitzung.id}/tagesordnung`, { titel: 'Eröffnung und Begrüßung' });
  await call('POST', `/sitzungen/${sitzung.id}/tagesordnung`, {
    titel: 'Zweckvereinbarung E-Government',
    vorlageId: oeffentlich.id,
  });
  const full = await call('POST', `/sitzungen/${sitzung.id}/tagesordnung`, {
    titel: `Vertrauliches ${CANARY}`,
    oeffentlich: false,
    vorlageId: geheim.id,
  });
  const [eroeffnung, top, geheimTop] = full.tagesordnung as Array<{ id: string }>;
  await call('PATCH', `/sitzungen/${sitzung.id}`, { status: 'eingeladen' });
  await call('PUT', `/sitzungen/${sitzung.id}/anwesenheit`, { personIds: personen.map((p) => p.id) });
  const beraten = await call('PUT', `/tagesordnungspunkte/${top!.id}/beratung`, {
    ergebnis: 'beschlossen',
    ja: 2,
    nein: 0,
    enthaltung: 0,
  });
  await call('PUT', `/tagesordnungspunkte/${geheimTop!.id}/beratung`, {
    ergebnis: 'beschlossen',
    ja: 1,
    nein: 1,
    enthaltung: 0,
  });
  const beschluesse = await call('GET', '/beschluesse');
  for (const b of beschluesse.items as Array<{ id: string; top: string }>) {
    const text = b.top.includes(CANARY) ? `Beschluss ${CANARY}` : 'Der Kreistag beschließt die 1. Änderung.';
    await call('PATCH', `/beschluesse/${b.id}`, { text });
  }
  return {
    token,
    wahlperiode,
    gremium,
    personen,
    sitzung,
    tops: { eroeffnung: eroeffnung!.id, oeffentlich: top!.id, geheim: geheimTop!.id },
    vorlagen: { oeffentlich, geheim, entwurf },
    anlage,
    beschlussNr: beraten.beschlussNr as string,
  };
}
