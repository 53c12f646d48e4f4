import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { oparlValidator } from './oparl-schema.fixture.ts';

// Sample data: 10,000 generated Vorlagen (Beispieldaten), written straight into the table.
let t: TestContext;
const BODY = 'nordhausen';
const LIST = `/oparl/v1.1/body/${BODY}/paper`;
let originals: string[] = [];

async function addPapers(count: number, prefix: string) {
  const { rows } = await t.superuser.query<{ id: string }>(
    `insert into vorlagen (tenant_id, drucksachen_nr, betreff, status, oeffentlich, veroeffentlicht_am, created_by, created_at)
     select $1, $2 || g, 'Beispielvorlage ' || g, 'veroeffentlicht', true, now(), 'test',
            timestamptz '2020-01-01 00:00+00' + g * interval '1 minute'
     from generate_series(1, $3::int) g returning id`,
    [BODY, `${prefix}/`, count],
  );
  return rows.map((r) => r.id);
}

type Page = { data: Array<{ id: string; deleted?: boolean }>; links: { next?: string; self: string } };
const page = async (url: string) => {
  const res = await t.app.request(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as Page;
};
const idOf = (url: string) => url.split('/').at(-1)!;

beforeAll(async () => {
  t = await createTestContext();
  originals = await addPapers(10_000, 'MASSE');
}, 120_000);
afterAll(() => t.close());

describe('OParl lists: keyset paging, filters and soft deletes', () => {
  it('walks 10,000 papers page by page and returns each exactly once while papers are being added', async () => {
    const count = new Map<string, number>();
    let url: string | undefined = `${LIST}?limit=100`;
    let pages = 0;
    let added = 0;
    while (url) {
      // A county publishes meanwhile: 5 new papers during each page request.
      const [p]: [Page, number] = await Promise.all([
        page(url),
        addPapers(5, `NEU${pages}`).then(() => (added += 5)),
      ]);
      expect(p.data.length).toBeLessThanOrEqual(100);
      for (const o of p.data) count.set(idOf(o.id), (count.get(idOf(o.id)) ?? 0) + 1);
      if (p.links.next) expect(p.data).toHaveLength(100);
      url = p.links.next;
      pages++;
    }
    expect(added).toBeGreaterThan(400);
    expect([...count.values()].filter((n) => n !== 1)).toEqual([]);
    expect(originals.filter((id) => count.get(id) !== 1)).toEqual([]);
    expect(pages).toBeGreaterThanOrEqual(100);
  }, 120_000);

  it('keeps created/modified filters, omit_internal and the page size in every next link, and filters by them', async () => {
    const since = '2020-01-02T00:00:00Z';
    const until = '2020-01-02T23:59:59Z';
    let url: string | undefined =
      `${LIST}?created_since=${since}&created_until=${until}&omit_internal=true&limit=50`;
    const ids: string[] = [];
    while (url) {
      const p = await page(url);
      for (const o of p.data) {
        ids.push(idOf(o.id));
        expect(o).not.toHaveProperty('consultation');
      }
      if (p.links.next) {
        const next = new URL(p.links.next);
        expect(Object.fromEntries(next.searchParams)).toMatchObject({
          created_since: '2020-01-02T00:00:00.000Z',
          created_until: '2020-01-02T23:59:59.000Z',
          omit_internal: 'true',
          limit: '50',
        });
      }
      url = p.links.next;
    }
    const { rows } = await t.superuser.query(
      `select id from vorlagen where tenant_id = $1 and veroeffentlicht_am is not null and oeffentlich
         and created_at between $2 and $3 order by id`,
      [BODY, since, until],
    );
    expect(rows.length).toBeGreaterThan(1000);
    expect(ids).toEqual(rows.map((r) => r.id));
  });

  it('lists a changed paper under modified_since, whoever changed it (the trigger keeps updated_at)', async () => {
    const before = new Date().toISOString();
    const id = originals[42]!;
    await t.superuser.query(`update vorlagen set betreff = 'Geänderte Beispielvorlage' where id = $1`, [id]);
    const p = await page(`${LIST}?modified_since=${encodeURIComponent(before)}`);
    expect(p.data.map((o) => idOf(o.id))).toContain(id);
    expect(p.data.map((o) => idOf(o.id))).not.toContain(originals[43]);
  });

  it('answers a deleted paper with 200 and deleted: true, and lists it only for modified_since', async () => {
    const validator = oparlValidator();
    const id = originals[7]!;
    const before = new Date(Date.now() - 1000).toISOString();
    const { rows } = await t.superuser.query<{ created_at: Date }>(
      `update vorlagen set deleted_at = now() where id = $1 returning created_at`,
      [id],
    );
    const res = await t.request(`${LIST}/${id}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
    expect(res.json.deleted).toBe(true);
    expect(validator.check(res.json)).toEqual([]);
    const exact = rows[0]!.created_at.toISOString();
    const window = `created_since=${exact}&created_until=${exact}`;
    expect((await page(`${LIST}?${window}`)).data).toEqual([]);
    const changes = await page(`${LIST}?${window}&modified_since=${before}`);
    expect(changes.data).toEqual([res.json]);
  });

  it('answers a deleted meeting with deleted: true, and its agenda items disappear from their list', async () => {
    const token = await t.tokenFor(BODY);
    const api = (path: string, json: unknown) => t.request(`/api/v1${path}`, { token, json });
    const kuerzel = `L${String(Date.now()).slice(-5)}`;
    const gremium = (await api('/gremien', { name: `Ausschuss ${kuerzel}`, kuerzel, art: 'ausschuss' })).json;
    const sitzung = (await api(`/gremien/${gremium.id}/sitzungen`, { beginn: '2021-03-01T17:00:00+01:00' }))
      .json;
    const top = (await api(`/sitzungen/${sitzung.id}/tagesordnung`, { titel: 'Bericht' })).json
      .tagesordnung[0].id;
    const meetingUrl = `/oparl/v1.1/body/${BODY}/meeting/${sitzung.id}`;
    expect((await t.request(meetingUrl)).json.agendaItem).toHaveLength(1);
    await t.superuser.query(`update sitzungen set deleted_at = now() where id = $1`, [sitzung.id]);
    const deleted = await t.request(meetingUrl);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ deleted: true, type: 'https://schema.oparl.org/1.1/Meeting' });
    expect(deleted.json).not.toHaveProperty('agendaItem');
    expect((await t.request(`/oparl/v1.1/body/${BODY}/agendaItem/${top}`)).status).toBe(404);
  });
});
