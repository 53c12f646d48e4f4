import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { buildCouncil, CANARY } from './oparl.fixture.ts';
import { oparlValidator } from './oparl-schema.fixture.ts';
import { walkOparl } from './oparl-walk.fixture.ts';

let t: TestContext;
let council: Awaited<ReturnType<typeof buildCouncil>>;
const BODY = 'kyffhaeuserkreis';
const get = (path: string, headers: Record<string, string> = {}) =>
  t.request(`/oparl/v1.1${path}`, { headers });

beforeAll(async () => {
  t = await createTestContext();
  council = await buildCouncil(t, BODY);
}, 120_000);
afterAll(() => t.close());

describe('OParl 1.1 of the Verbund', () => {
  it('walks from the System to every object type, and every object validates against its OParl 1.1 schema', async () => {
    const validator = oparlValidator();
    // The validator can fail: an id that is no URL and a `order` that is no integer are caught.
    expect(
      validator.check({ type: 'https://schema.oparl.org/1.1/AgendaItem', id: 'x', order: '1' }),
    ).toHaveLength(2);
    const { responses, objects } = await walkOparl(t, { onlyBody: BODY });
    expect(responses.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.url}`)).toEqual([]);
    const types = new Set(objects.map((o) => String(o.type).replace('https://schema.oparl.org/1.1/', '')));
    expect([...types].sort()).toEqual(validator.names.sort());
    for (const object of objects) {
      expect(validator.check(object)).toEqual([]);
      // OParl 1.1: created and modified on every object, embedded or not.
      expect(object.created, String(object.id)).toBeTypeOf('string');
      expect(object.modified, String(object.id)).toBeTypeOf('string');
    }
  });

  it('never shows a non-public agenda item, Vorlage or Anlage, nor a draft, anywhere reachable from the System', async () => {
    const { responses } = await walkOparl(t, { objectsPerType: 1000 });
    expect(responses.length).toBeGreaterThan(20);
    for (const r of responses) expect(r.text, r.url).not.toContain(CANARY);
    const all = responses.map((r) => r.text).join('\n');
    for (const id of [council.vorlagen.geheim.id, council.vorlagen.entwurf.id]) expect(all).not.toContain(id);
    // The public Vorlage and the place of the non-public item are there, so the walk reached them.
    expect(all).toContain(council.vorlagen.oeffentlich.id);
    expect(all).toContain(council.tops.geheim);
  });

  it('offers one Body per county with all its list URLs, and the Body of a county with its Kreisschlüssel', async () => {
    const system = await get('/');
    expect(system.json.oparlVersion).toBe('https://schema.oparl.org/1.1/');
    const bodies = await get('/body');
    expect(bodies.json.data.map((b: { id: string }) => b.id.split('/').at(-1)).sort()).toEqual([
      'kyffhaeuserkreis',
      'nordhausen',
      'unstrut-hainich-kreis',
      'wartburgkreis',
    ]);
    const body = await get(`/body/${BODY}`);
    expect(body.json.ags).toBe('16065000');
    for (const list of [
      'organization',
      'person',
      'meeting',
      'paper',
      'agendaItem',
      'consultation',
      'file',
      'membership',
    ])
      expect(body.json[list]).toBe(`http://localhost/oparl/v1.1/body/${BODY}/${list}`);
    expect(body.json.locationList).toBe(`http://localhost/oparl/v1.1/body/${BODY}/location`);
    expect(body.json.legislativeTermList).toBe(`http://localhost/oparl/v1.1/body/${BODY}/legislativeTerm`);
    expect(body.json.legislativeTerm.map((w: { name: string }) => w.name)).toContain(
      council.wahlperiode.name,
    );
  });

  it('numbers the agenda from 0 in `order`, shows a non-public item only as „nichtöffentlich“, and the votes as verbund:abstimmung', async () => {
    const meeting = (await get(`/body/${BODY}/meeting/${council.sitzung.id}`)).json;
    expect(meeting.location.description).toBe('Kreistagssaal, Lindenbühl 28, Mühlhausen');
    expect(meeting.participant).toHaveLength(2);
    const items = meeting.agendaItem;
    expect(items.map((i: { order: number; number: string }) => [i.order, i.number])).toEqual([
      [0, 'Ö 1'],
      [1, 'Ö 2'],
      [2, 'N 1'],
    ]);
    expect(items[1]).toMatchObject({
      name: 'Zweckvereinbarung E-Government',
      public: true,
      result: 'beschlossen',
      resolutionText: 'Der Kreistag beschließt die 1. Änderung.',
      'verbund:abstimmung': { ja: 2, nein: 0, enthaltungen: 0 },
      'verbund:beschlussNummer': council.beschlussNr,
    });
    const consultation = (await t.app.request(items[1].consultation)).json() as Promise<
      Record<string, unknown>
    >;
    expect(await consultation).toMatchObject({
      agendaItem: items[1].id,
      meeting: meeting.id,
      role: 'Entscheidung',
    });
    expect(Object.keys(items[2]).sort()).toEqual(
      ['created', 'id', 'meeting', 'modified', 'name', 'number', 'order', 'public', 'type'].sort(),
    );
    expect(items[2]).toMatchObject({ name: 'nichtöffentlich', public: false });
  });

  it('serves a File inline at accessUrl and as attachment with filename* at downloadUrl, with its size and SHA-512', async () => {
    const paper = (await get(`/body/${BODY}/paper/${council.vorlagen.oeffentlich.id}`)).json;
    expect(paper.auxiliaryFile).toHaveLength(1);
    const file = paper.auxiliaryFile[0];
    const access = await t.app.request(file.accessUrl);
    const bytes = Buffer.from(await access.arrayBuffer());
    expect(bytes.toString('utf8')).toBe('Öffentlich.');
    expect(access.headers.get('content-disposition')).not.toContain('attachment');
    expect(access.headers.get('access-control-allow-origin')).toBe('*');
    expect(file.size).toBe(bytes.length);
    expect(file.sha512Checksum).toBe(createHash('sha512').update(bytes).digest('hex'));
    const download = await t.app.request(file.downloadUrl);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Kostenschlussel Ubersicht.txt"; filename*=UTF-8''Kostenschl%C3%BCssel%20%C3%9Cbersicht.txt`,
    );
    expect(file.fileName).toBe('Kostenschlüssel Übersicht.txt');
  });

  it('changes the modified of a Meeting when a vote on one of its agenda items is recorded', async () => {
    const url = `/body/${BODY}/meeting/${council.sitzung.id}`;
    const before = (await get(url)).json.modified;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const res = await t.request(`/api/v1/tagesordnungspunkte/${council.tops.eroeffnung}/beratung`, {
      method: 'PUT',
      token: council.token,
      json: { ergebnis: 'zur_kenntnis' },
    });
    expect(res.status).toBe(200);
    const after = (await get(url)).json;
    expect(after.modified > before).toBe(true);
    expect(after.agendaItem[0]).toMatchObject({ result: 'zur Kenntnis genommen' });
    const changes = await get(`/body/${BODY}/meeting?modified_since=${encodeURIComponent(before)}`);
    expect(changes.json.data.map((m: { id: string }) => m.id)).toContain(after.id);
  });

  it('filters every list by created and modified, keeping the filter in its links', async () => {
    const lists = [
      'organization',
      'person',
      'membership',
      'meeting',
      'agendaItem',
      'paper',
      'consultation',
      'file',
      'location',
      'legislativeTerm',
    ];
    for (const list of [...lists.map((l) => `/body/${BODY}/${l}`), '/body']) {
      const all = await get(`${list}?created_until=2999-01-01T00:00:00Z`);
      expect({ list, n: all.json.data.length > 0 }).toEqual({ list, n: true });
      expect(all.json.links.self).toContain('created_until=2999-01-01T00%3A00%3A00.000Z');
      for (const query of [
        'created_since=2999-01-01T00:00:00Z',
        'modified_until=1999-01-01T00:00:00+01:00',
      ]) {
        const none = await get(`${list}?${query}`);
        expect({ list, query, data: none.json.data }).toEqual({ list, query, data: [] });
      }
    }
  });

  it('lists the meetings and consultations of an Organization, paged like the Body lists', async () => {
    const organization = (await get(`/body/${BODY}/organization/${council.gremium.id}`)).json;
    const meetings = (await (await t.app.request(organization.meeting)).json()) as {
      data: Array<{ id: string }>;
      links: { self: string };
    };
    expect(meetings.data.map((m) => m.id)).toEqual([
      `http://localhost/oparl/v1.1/body/${BODY}/meeting/${council.sitzung.id}`,
    ]);
    const consultations = (await (await t.app.request(`${organization.consultation}?limit=10`)).json()) as {
      data: Array<{ paper: string }>;
      links: { self: string };
    };
    expect(consultations.data.map((c) => c.paper.split('/').at(-1))).toEqual([
      council.vorlagen.oeffentlich.id,
    ]);
    expect(consultations.links.self).toBe(`${organization.consultation}?limit=10`);
    expect(
      (await get(`/body/${BODY}/organization/00000000-0000-4000-8000-000000000000/meeting`)).status,
    ).toBe(404);
    expect((await get(`/body/${BODY}/organization/${council.gremium.id}/paper`)).status).toBe(404);
  });

  it('allows every origin (CORS), also on errors and preflight requests', async () => {
    expect((await get('/')).headers.get('access-control-allow-origin')).toBe('*');
    expect((await get(`/body/${BODY}/paper?limit=-5`)).headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await t.app.request('/oparl/v1.1/body', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 304 to a matching If-None-Match and a new ETag after a change', async () => {
    const first = await get(`/body/${BODY}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(`/body/${BODY}`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    await t.request('/api/v1/wahlperioden', {
      token: council.token,
      json: { name: `WP ${Date.now()}`, beginn: '2024-07-01' },
    });
    const changed = await get(`/body/${BODY}`, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('answers a bad parameter with 400 and an OParl error object in German, never with a 5xx', async () => {
    for (const query of [
      'modified_since=gestern',
      'limit=-5',
      'limit=0',
      'limit=abc',
      'created_until=2020-02-31T00:00:00Z',
      'created_since=2020-01-01',
      'created_since=0000-01-01T00:00:00Z',
      'modified_until=2020-01-01T25:00:00Z',
      'omit_internal=ja',
      'after=%27%3B%20drop%20table',
      'modified_since=2020-01-01T00:00:00Z&modified_since=2021-01-01T00:00:00Z',
    ]) {
      const res = await get(`/body/${BODY}/paper?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.json.type).toBe('https://schema.oparl.org/1.1/Error');
      expect(res.json.message).toMatch(/URL-Parameter „\w+“ ist ungültig/);
    }
    expect((await get('/body/gibtsnicht')).status).toBe(404);
    expect((await get(`/body/${BODY}/nichts`)).status).toBe(404);
    expect((await get(`/body/${BODY}/paper/keine-uuid`)).json.type).toBe(
      'https://schema.oparl.org/1.1/Error',
    );
    expect((await get(`/body/${BODY}/paper/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('keeps each county in its Body: a paper of another county is not found under this one', async () => {
    const other = await buildCouncil(t, 'wartburgkreis');
    const id = other.vorlagen.oeffentlich.id;
    expect((await get(`/body/wartburgkreis/paper/${id}`)).status).toBe(200);
    expect((await get(`/body/${BODY}/paper/${id}`)).status).toBe(404);
    expect((await get(`/body/${BODY}/paper`)).text).not.toContain(id);
  });
});
