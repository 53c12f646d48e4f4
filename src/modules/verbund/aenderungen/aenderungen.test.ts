import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO_TENANTS, type TestContext } from '../../../../test/support/context.ts';
import { wortlautHash } from './aenderungen.models.ts';

// Sample data: the 2. and 3. Änderung, the fifth county's dates, session days, votes, the
// Genehmigung and the Bekanntmachung are invented for this test.
let t: TestContext;
let serviceteam: string;
const tokens = new Map<string, string>();
const kreistage = new Map<string, string>();

beforeAll(async () => {
  t = await createTestContext();
  serviceteam = await t.tokenFor('unstrut-hainich-kreis', ['verbund-admin', 'kreis-admin']);
  for (const county of DEMO_TENANTS) {
    tokens.set(county, await t.tokenFor(county));
    kreistage.set(
      county,
      (await api(county, 'POST', '/gremien', { name: 'Kreistag', kuerzel: 'KT', art: 'kreistag' })).json.id,
    );
  }
}, 60_000);
afterAll(() => t.close());

function api(county: string, method: string, path: string, json?: unknown) {
  return t.request(`/api/v1${path}`, { method, token: tokens.get(county)!, json });
}
const verbund = (method: string, path: string, json?: unknown) =>
  t.request(`/api/v1/verbund${path}`, { method, token: serviceteam, json });

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The county's Kreistag meets on `date` and decides on the Vorlage (one member, one vote). */
async function beraten(
  county: string,
  vorlageId: string,
  date: string,
  ergebnis: 'beschlossen' | 'abgelehnt',
) {
  const gremium = kreistage.get(county)!;
  const person = (await api(county, 'POST', '/personen', { familienname: `Mitglied ${date}` })).json.id;
  expect(
    (await api(county, 'POST', `/gremien/${gremium}/mitglieder`, { personId: person, von: '2019-01-01' }))
      .status,
  ).toBe(201);
  const sitzung = (
    await api(county, 'POST', `/gremien/${gremium}/sitzungen`, { beginn: `${date}T17:00:00+02:00` })
  ).json.id;
  expect((await api(county, 'PATCH', `/sitzungen/${sitzung}`, { status: 'eingeladen' })).status).toBe(200);
  await api(county, 'PUT', `/sitzungen/${sitzung}/anwesenheit`, { personIds: [person] });
  const agenda = (
    await api(county, 'POST', `/sitzungen/${sitzung}/tagesordnung`, { titel: 'Zweckvereinbarung', vorlageId })
  ).json;
  const top = agenda.tagesordnung.at(-1).id;
  const r = await api(county, 'PUT', `/tagesordnungspunkte/${top}/beratung`, {
    ergebnis,
    ja: 1,
    nein: 0,
    enthaltung: 0,
  });
  expect(r.status).toBe(200);
  return r.json.beschlussNr as string | null;
}

const partyOf = (a: { parteien: Array<{ landkreisId: string }> }, id: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  a.parteien.find((p) => p.landkreisId === id) as Record<string, any>;

describe('an amendment of the Zweckvereinbarung as a process', () => {
  const wortlaut = '§ 1 Beteiligte: Dem Serviceteam tritt der Landkreis Eichsfeld bei. (Beispieldaten)';
  const named = day(40);
  let id: string;

  it('puts the amendment to every member’s Kreistag and the joining county’s, as a Vorlage in each council', async () => {
    const denied = await t.request('/api/v1/verbund/aenderungen', {
      method: 'POST',
      token: tokens.get('nordhausen')!,
      json: { titel: '2. Änderung', wortlaut },
    });
    expect(denied.status).toBe(403);

    const created = await verbund('POST', '/aenderungen', {
      titel: '2. Änderung der Zweckvereinbarung (Beitritt Eichsfeld)',
      wortlaut,
      beitritt: { id: 'eichsfeld', name: 'Landkreis Eichsfeld', kreisschluessel: '16061' },
      kostenschluessel: {
        nordhausen: 20,
        kyffhaeuserkreis: 20,
        'unstrut-hainich-kreis': 20,
        wartburgkreis: 20,
        eichsfeld: 20,
      },
      benanntesWirksamkeitsdatum: named,
    });
    expect(created.status, created.text).toBe(201);
    const a = created.json.aenderung;
    id = a.id;
    expect(a.wortlautSha256).toBe(wortlautHash(wortlaut));
    expect(a.status).toBe('in_beratung');
    expect(created.json.beitrittAdmin.login).toBe('admin@eichsfeld');
    expect(a.parteien.map((p: { landkreisId: string }) => p.landkreisId).sort()).toEqual(
      [...DEMO_TENANTS, 'eichsfeld'].sort(),
    );
    expect(partyOf(a, 'eichsfeld').rolle).toBe('beitretend');
    // Eichsfeld has no E-Akte yet for the Vorlage's Akte: its Vorlage waits, the others are there.
    expect(created.json.vorlagenFehler).toEqual([{ landkreisId: 'eichsfeld', detailDe: expect.any(String) }]);
    expect(partyOf(a, 'eichsfeld').vorlageId).toBeNull();
    for (const county of DEMO_TENANTS) expect(partyOf(a, county).vorlageId).toMatch(/^[0-9a-f-]{36}$/);

    // Its administration sets up its Aktenplan unit and Kreistag; the Serviceteam puts the Vorlage again.
    tokens.set('eichsfeld', await t.tokenFor('eichsfeld'));
    for (const [kennzeichen, titel] of [
      ['00', 'Allgemeine Verwaltung'],
      ['00.10', 'Kreistag und Ausschüsse'],
    ])
      expect(
        (await api('eichsfeld', 'POST', '/aktenplan', { kennzeichen, titel, aussonderung: 'A' })).status,
      ).toBe(201);
    kreistage.set(
      'eichsfeld',
      (await api('eichsfeld', 'POST', '/gremien', { name: 'Kreistag', kuerzel: 'KT', art: 'kreistag' })).json
        .id,
    );
    const again = await verbund('POST', `/aenderungen/${id}/vorlagen`);
    expect(again.json.vorlagenFehler).toEqual([]);
    expect(partyOf(again.json.aenderung, 'eichsfeld').vorlageId).toMatch(/^[0-9a-f-]{36}$/);

    // The Vorlage lives in the county's own council, names the version by its hash and goes to its Kreistag.
    const vorlage = (await api('wartburgkreis', 'GET', `/vorlagen/${partyOf(a, 'wartburgkreis').vorlageId}`))
      .json;
    expect(vorlage.beschlussvorschlag).toContain(`SHA-256 ${a.wortlautSha256}`);
    expect(vorlage.beratungsfolge[0].gremiumId).toBe(kreistage.get('wartburgkreis'));
    // … and is no other county's.
    expect(
      (await api('nordhausen', 'GET', `/vorlagen/${partyOf(a, 'wartburgkreis').vorlageId}`)).status,
    ).toBe(404);
    // Eichsfeld is a tenant with its own administration, but not a member yet.
    const members = (await verbund('GET', '')).json.members;
    expect(members.find((m: { id: string }) => m.id === 'eichsfeld').memberSince).toBeNull();
  });

  it('shows each county’s Beschluss with number and date, and is complete only when all five resolved', async () => {
    const a0 = (await verbund('GET', `/aenderungen/${id}`)).json;
    const numbers = new Map<string, string | null>();
    for (const [i, county] of DEMO_TENANTS.entries())
      numbers.set(county, await beraten(county, partyOf(a0, county).vorlageId, day(-30 + i), 'beschlossen'));
    const a1 = (await verbund('GET', `/aenderungen/${id}`)).json;
    expect(a1.status).toBe('in_beratung');
    expect(partyOf(a1, 'nordhausen')).toMatchObject({
      status: 'beschlossen',
      beschlussNr: numbers.get('nordhausen'),
      beschlossenAm: day(-30),
    });
    expect(partyOf(a1, 'eichsfeld').status).toBe('offen');
    const early = await verbund('PUT', `/aenderungen/${id}/genehmigung`, {
      am: day(-5),
      aktenzeichen: '200-4121/2026',
    });
    expect(early.status).toBe(409);

    await beraten('eichsfeld', partyOf(a0, 'eichsfeld').vorlageId, day(-20), 'beschlossen');
    expect((await verbund('GET', `/aenderungen/${id}`)).json.status).toBe('beschlossen');
  });

  it('records signatures (each county only its own), Genehmigung and Bekanntmachung, and computes the effective day', async () => {
    const foreign = await api(
      'nordhausen',
      'PUT',
      `/verbund/aenderungen/${id}/unterschriften/kyffhaeuserkreis`,
      { am: day(-15), von: 'Landrat' },
    );
    expect(foreign.status).toBe(403);
    expect(
      (
        await api('nordhausen', 'PUT', `/verbund/aenderungen/${id}/unterschriften/nordhausen`, {
          am: day(-15),
          von: 'Landrat',
        })
      ).status,
    ).toBe(200);
    const g = await verbund('PUT', `/aenderungen/${id}/genehmigung`, {
      am: day(-10),
      aktenzeichen: '200-4121/2026',
    });
    expect(g.json.status).toBe('genehmigt');
    const before = await verbund('PUT', `/aenderungen/${id}/bekanntmachung`, {
      am: day(-11),
      amtsblatt: 'ThürStAnz',
    });
    expect(before.status).toBe(422);
    const b = await verbund('PUT', `/aenderungen/${id}/bekanntmachung`, {
      am: day(-2),
      amtsblatt: 'Thüringer Staatsanzeiger Nr. 1/2026',
    });
    expect(b.json).toMatchObject({
      status: 'bekanntgemacht',
      wirksamAb: named,
      bekanntmachung: { am: day(-2) },
    });
    expect(b.json.vollzogenAm).toBeNull();
  });

  it('lets the fifth county join by itself on the effective day, with everything shared, audited in every chain', async () => {
    expect(await t.services.vollziehenAenderungen({ heute: day(39) })).toEqual([]);
    const done = await t.services.vollziehenAenderungen({ heute: named });
    expect(done).toHaveLength(1);
    expect(done[0]!.chains).toEqual([...DEMO_TENANTS, 'eichsfeld'].sort());

    const a = (await verbund('GET', `/aenderungen/${id}`)).json;
    expect(a.status).toBe('wirksam');
    const view = (await verbund('GET', '')).json;
    expect(view.members.find((m: { id: string }) => m.id === 'eichsfeld')).toMatchObject({
      memberSince: named,
      viaAmendment: a.nummer,
    });
    expect(view.amendments.find((x: { number: number }) => x.number === a.nummer).joiningTenantId).toBe(
      'eichsfeld',
    );

    const received = (rows: Array<{ artifact_kind: string; artifact_id: string }>) =>
      rows.map((r) => `${r.artifact_kind}:${r.artifact_id}`).sort();
    const eichsfeld = received(await t.services.verbund.listActivations({ tenantId: 'eichsfeld' }));
    expect(eichsfeld.length).toBeGreaterThan(0);
    expect(eichsfeld).toEqual(
      expect.arrayContaining(
        received(await t.services.verbund.listActivations({ tenantId: 'wartburgkreis' })),
      ),
    );
    expect(done[0]!.received).toBe(eichsfeld.length);

    const { rows } = await t.superuser.query(
      `select tenant_id from audit_events where action = 'verbund.aenderung_wirksam' and object_id = $1 order by tenant_id`,
      [id],
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([...DEMO_TENANTS, 'eichsfeld'].sort());
    // A second check does nothing.
    expect(await t.services.vollziehenAenderungen({ heute: named })).toEqual([]);
  });

  it('is blocked by a Beschluss on another text version and failed by a rejection', async () => {
    const created = await verbund('POST', '/aenderungen', {
      titel: '3. Änderung der Zweckvereinbarung (Kostenschlüssel)',
      wortlaut: '§ 9 Kosten: nach Einwohnern. (Beispieldaten)',
      genehmigungspflichtig: false,
    });
    const a = created.json.aenderung;
    // Eichsfeld's membership begins on the named day, still ahead: today's parties are the four.
    expect(a.parteien).toHaveLength(4);
    const nh = partyOf(a, 'nordhausen').vorlageId;
    // Nordhausen's Kreistag resolves an amended text: its proposal names another version.
    expect(
      (
        await api('nordhausen', 'PATCH', `/vorlagen/${nh}`, {
          beschlussvorschlag: `Zustimmung (Fassung SHA-256 ${wortlautHash('anders')})`,
        })
      ).status,
    ).toBe(200);
    await beraten('nordhausen', nh, day(-3), 'beschlossen');
    const blocked = (await verbund('GET', `/aenderungen/${a.id}`)).json;
    expect(blocked.status).toBe('blockiert');
    expect(partyOf(blocked, 'nordhausen').abweichendeFassung).toBe(true);

    await beraten('kyffhaeuserkreis', partyOf(a, 'kyffhaeuserkreis').vorlageId, day(-2), 'abgelehnt');
    const failed = (await verbund('GET', `/aenderungen/${a.id}`)).json;
    expect(failed.status).toBe('gescheitert');
    expect(partyOf(failed, 'kyffhaeuserkreis')).toMatchObject({
      status: 'abgelehnt',
      beschlossenAm: day(-2),
    });
    const late = await verbund('PUT', `/aenderungen/${a.id}/bekanntmachung`, {
      am: day(-1),
      amtsblatt: 'ThürStAnz',
    });
    expect(late.status).toBe(409);
    expect(late.json.detailDe).toBe('Die Bekanntmachung ist im Stand „gescheitert“ nicht möglich.');
  });

  it('refuses bad input with a German 4xx', async () => {
    const sum = await verbund('POST', '/aenderungen', {
      titel: 'Kostenschlüssel',
      wortlaut: 'x',
      kostenschluessel: { nordhausen: 60 },
    });
    expect(sum.status).toBe(400);
    expect(sum.json.detailDe).toContain('ergeben 60 % statt 100 %');
    const member = await verbund('POST', '/aenderungen', {
      titel: 'Doppelt',
      wortlaut: 'x',
      beitritt: { id: 'nordhausen', name: 'Landkreis Nordhausen', kreisschluessel: '16062' },
    });
    expect(member.status).toBe(409);
    expect((await verbund('GET', '/aenderungen/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await verbund('GET', '/aenderungen/kein-uuid')).status).toBe(400);
  });

  it('shows the process on the Verbund page', async () => {
    const list = await t.request('/verbund/aenderungen', { token: serviceteam });
    expect(list.status).toBe(200);
    expect(list.text).toContain('2. Änderung der Zweckvereinbarung (Beitritt Eichsfeld)');
    const page = await t.request(`/verbund/aenderungen/${id}`, { token: tokens.get('wartburgkreis')! });
    expect(page.text).toContain('Landkreis Eichsfeld');
    expect(page.text).toContain('wirksam');
  });
});
