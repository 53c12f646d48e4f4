import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { KREIS, seedRatsinfo } from './ratsinfo.fixture.ts';

// Sample data (Beispieldaten) from ratsinfo.fixture.ts; a second Vorlage and session are added here.
let t: TestContext;
let s: Awaited<ReturnType<typeof seedRatsinfo>>;
let geloescht: { id: string };
let vorlage: { id: string };
beforeAll(async () => {
  t = await createTestContext();
  s = await seedRatsinfo(t, 'GEHEIMSACHE');
  const call = async (method: string, path: string, json?: unknown) => {
    const res = await t.request(`/api/v1${path}`, { method, token: s.token, json });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json;
  };
  vorlage = await call('POST', '/vorlagen', {
    betreff: 'Kreisstraßenprogramm (Beispieldaten)',
    beratungsfolge: [{ gremiumId: s.kreistag.id, datum: '2020-11-18' }],
  });
  await call('POST', `/vorlagen/${vorlage.id}/freigabe`);
  await call('POST', `/vorlagen/${vorlage.id}/veroeffentlichung`);
  geloescht = await call('POST', `/gremien/${s.kreistag.id}/sitzungen`, {
    beginn: '2020-11-18T17:00:00+01:00',
    ort: 'Festsaal Bad Langensalza',
  });
  await call('POST', `/sitzungen/${geloescht.id}/tagesordnung`, {
    titel: 'Straßenbau im Hainich',
    vorlageId: vorlage.id,
  });
  await call('PATCH', `/sitzungen/${geloescht.id}`, { status: 'eingeladen' });
}, 120_000);
afterAll(() => t.close());

const base = `/ratsinfo/${KREIS}`;
const get = (path: string) => t.request(path, { headers: { accept: 'text/html' } });

/** Every public surface that can name the session: calendar, its page, the Vorlage's page, iCal, sitemap, search. */
async function surfaces(id: string) {
  const [kalender, seite, vorlagenSeite, ical, sitemap, suche] = await Promise.all([
    get(`${base}/?monat=2020-11`),
    get(`${base}/sitzungen/${id}`),
    get(`${base}/vorlagen/${vorlage.id}`),
    get(`${base}/gremien/${s.kreistag.id}/kalender.ics`),
    get(`${base}/sitemap.xml`),
    get(`${base}/suche?q=Kreisstra%C3%9Fenprogramm`),
  ]);
  return {
    kalender: kalender.text.includes(id),
    seite: seite.status,
    vorlagenSeite: vorlagenSeite.text.includes(id) || vorlagenSeite.text.includes('Festsaal Bad Langensalza'),
    ical: ical.text.includes(`sitzung-${id}@`),
    sitemap: sitemap.text.includes(id),
    suche: suche.text.includes(id) || suche.text.includes('Festsaal'),
  };
}

describe('a deleted Sitzung on the public pages and in OParl', () => {
  it('vanishes with its agenda and calendar entry from every public surface', async () => {
    expect(await surfaces(geloescht.id)).toEqual({
      kalender: true,
      seite: 200,
      vorlagenSeite: true,
      ical: true,
      sitemap: true,
      suche: false, // the search lists Vorlagen, never sessions
    });
    await t.superuser.query('update sitzungen set deleted_at = now(), updated_at = now() where id = $1', [
      geloescht.id,
    ]);
    expect(await surfaces(geloescht.id)).toEqual({
      kalender: false,
      seite: 404,
      vorlagenSeite: false,
      ical: false,
      sitemap: false,
      suche: false,
    });
    // The Vorlage itself stays public; only the deleted session's Beratung is gone from it.
    expect((await get(`${base}/vorlagen/${vorlage.id}`)).status).toBe(200);
  });

  it('agrees with OParl for every session of the county: public page exactly when a live Meeting', async () => {
    const { rows } = await t.superuser.query<{ id: string }>(
      'select id from sitzungen where tenant_id = $1 order by beginn',
      [KREIS],
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const listed = new Set(
      (await t.request(`/oparl/v1.1/body/${KREIS}/meeting?limit=100`)).json.data.map((m: { id: string }) =>
        m.id.split('/').at(-1),
      ),
    );
    for (const { id } of rows) {
      const page = (await get(`${base}/sitzungen/${id}`)).status;
      const meeting = (await t.request(`/oparl/v1.1/body/${KREIS}/meeting/${id}`)).json;
      expect({ id, page, deleted: meeting.deleted === true, listed: listed.has(id) }).toEqual({
        id,
        page: meeting.deleted ? 404 : 200,
        deleted: id === geloescht.id,
        listed: id !== geloescht.id,
      });
    }
  });
});
