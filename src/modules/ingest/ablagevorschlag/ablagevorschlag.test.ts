import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { seedDemoRecords } from '../../../demo/records.seed.ts';

let t: TestContext;
// A fifth of the documents is held out of learning (by a hash of the id, as bench:ablage does).
const heldOut = (id: string) => createHash('sha256').update(id).digest()[0]! % 5 === 0;
const docsOf = async (tenant: string) =>
  (
    await t.superuser.query(
      `select d.id, d.titel, d.unit_id, d.akte_id, d.vorgang_id, d.art, dv.text from dokumente d
       join dokument_versionen dv on dv.dokument_id = d.id and dv.tenant_id = d.tenant_id and dv.version = d.aktuelle_version
       where d.tenant_id = $1 order by d.id`,
      [tenant],
    )
  ).rows;
/** The model's counts as sorted rows (to compare an unlearned model with one learned afresh). */
const modelOf = async (tenant: string) => ({
  klassen: (
    await t.superuser.query(
      `select merkmal, klasse, dokumente, terme::int from ablage_klassen where tenant_id = $1 order by 1, 2`,
      [tenant],
    )
  ).rows,
  terme: (
    await t.superuser.query(
      `select merkmal, klasse, term, anzahl from ablage_terme where tenant_id = $1 order by 1, 2, 3`,
      [tenant],
    )
  ).rows,
});

const deleteDokument = async (id: string) => {
  await t.superuser.query('delete from dokument_versionen where dokument_id = $1', [id]);
  await t.superuser.query('delete from dokumente where id = $1', [id]);
};

beforeAll(async () => {
  t = await createTestContext();
  // The demo corpus of one county (generated administrative documents over the whole Aktenplan),
  // with its text extracted as the worker does it.
  await seedDemoRecords({
    database: t.services.database,
    blobs: t.services.blobs,
    perCounty: 250,
    tenants: ['nordhausen'],
  });
  await drainJobs(t, { rounds: 200 });
}, 180_000);
afterAll(() => t?.close());

describe('filing suggestions learned from the county’s own documents', () => {
  it('suggest the Aktenplan unit and the Akte of documents the model has not learned, in the top three for at least 80 %', {
    timeout: 120_000,
  }, async () => {
    const docs = await docsOf('nordhausen');
    const learned = await t.services.ablagevorschlaege.learn('nordhausen', { skip: heldOut });
    expect(learned).toBe(docs.length);
    // Learning again finds nothing new (incremental: only what was filed since).
    expect(await t.services.ablagevorschlaege.learn('nordhausen')).toBe(0);
    const test = docs.filter((d) => heldOut(d.id));
    expect(test.length).toBeGreaterThan(30);
    let einheit3 = 0;
    let akte3 = 0;
    let vorgang3 = 0;
    for (const d of test) {
      const s = await t.services.ablagevorschlaege.suggest({
        tenantId: 'nordhausen',
        titel: d.titel,
        text: d.text,
      });
      if (s.kandidaten.einheit.some((k) => k.klasse === d.unit_id)) einheit3 += 1;
      if (s.kandidaten.akte.some((k) => k.klasse === d.akte_id)) akte3 += 1;
      if (s.kandidaten.vorgang.some((k) => k.klasse === d.vorgang_id)) vorgang3 += 1;
      for (const merkmal of ['einheit', 'akte', 'vorgang', 'art'] as const) {
        // No suggestion below the threshold; a suggestion is the first candidate.
        if (s[merkmal]) expect(s[merkmal]).toEqual(s.kandidaten[merkmal][0]);
        if (s[merkmal]) expect(s[merkmal]!.konfidenz).toBeGreaterThanOrEqual(0.5);
        else expect(s.kandidaten[merkmal][0]?.konfidenz ?? 0).toBeLessThan(0.5);
      }
    }
    expect(einheit3 / test.length).toBeGreaterThanOrEqual(0.8);
    expect(akte3 / test.length).toBeGreaterThanOrEqual(0.8);
    // The demo generator's Vorgänge share applicant, object and (mostly) a cited Zeichen.
    expect(vorgang3 / test.length).toBeGreaterThanOrEqual(0.8);
  });

  it('a new Vorgang is suggested for a letter citing its Zeichen before anything is filed in it', async () => {
    const token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const akte = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Jagdscheine', aktenplan: '00.20' },
    });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: {
        betreff: 'Verlängerung des Jagdscheins – Großmann, Ellrich',
        externeReferenz: '03.20-0777/2026',
      },
    });
    expect(vorgang.status).toBe(201);
    const letter = {
      titel: 'Nachreichung',
      text: 'Ihr Zeichen: 03.20-0777/2026\nAnbei der Nachweis der Versicherung.',
    };
    const version = async () =>
      Number(
        (await t.superuser.query(`select version from ablage_stand where tenant_id = 'nordhausen'`)).rows[0]
          .version,
      );
    const before = await version();
    // Nothing new is filed, but the new Vorgang changes the model: its version goes up.
    await t.services.ablagevorschlaege.learn('nordhausen');
    expect(await version()).toBeGreaterThan(before);
    await t.services.ablagevorschlaege.suggest({ tenantId: 'nordhausen', ...letter });
    await t.services.ablagevorschlaege.cache.settled();
    const s = await t.services.ablagevorschlaege.suggest({ tenantId: 'nordhausen', ...letter });
    expect(s.vorgang?.klasse).toBe(vorgang.json.id);
  });

  it('a county’s model never sees another county’s documents, and its classifier in memory is never handed to another county', async () => {
    const before = await t.superuser.query(
      `select count(*)::int as n from ablage_terme where tenant_id = 'wartburgkreis'`,
    );
    expect(before.rows[0].n).toBe(0);
    const units = await t.superuser.query(`select id from aktenplan_units where tenant_id = 'nordhausen'`);
    const [{ titel, text }] = await docsOf('nordhausen');
    // Nordhausen's classifier is in memory now …
    const own = await t.services.ablagevorschlaege.suggest({ tenantId: 'nordhausen', titel, text });
    expect(own.einheit).not.toBeNull();
    expect(t.services.ablagevorschlaege.cache.tenants()).toContain('nordhausen');
    // … and the Wartburgkreis, which has learned nothing, gets nothing from it.
    await t.services.ablagevorschlaege.learn('wartburgkreis');
    const s = await t.services.ablagevorschlaege.suggest({ tenantId: 'wartburgkreis', titel, text });
    expect(s.einheit).toBeNull();
    expect(s.kandidaten.einheit.filter((k) => units.rows.some((u) => u.id === k.klasse))).toEqual([]);
  });

  it('a moved and a deleted document are taken out of their old classes, and the model equals one learned afresh', {
    timeout: 120_000,
  }, async () => {
    await t.services.ablagevorschlaege.learn('nordhausen');
    const docs = await docsOf('nordhausen');
    // Documents the model has learned (the first test held a fifth out).
    const learned = docs.filter((d) => !heldOut(d.id));
    const moved = learned[0]!;
    const target = learned.find((d) => d.unit_id !== moved.unit_id)!;
    const deleted = learned.find((d) => d.id !== moved.id && d.unit_id === moved.unit_id)!;
    const count = async (merkmal: string, klasse: string) =>
      (
        await t.superuser.query(
          `select coalesce(sum(dokumente), 0)::int as n from ablage_klassen where tenant_id = 'nordhausen' and merkmal = $1 and klasse = $2`,
          [merkmal, klasse],
        )
      ).rows[0].n;
    const oldUnit = await count('einheit', moved.unit_id);
    const newUnit = await count('einheit', target.unit_id);
    // Moved as the county, under RLS (as the product's code would); deleted with the owner's rights
    // (versions are immutable for the app: only a deletion by retention may remove them).
    await t.services.database.withTenant('nordhausen', (trx) =>
      sql`update dokumente set vorgang_id = ${target.vorgang_id}::uuid, akte_id = ${target.akte_id}::uuid,
        unit_id = ${target.unit_id}::uuid where id = ${moved.id}::uuid`.execute(trx),
    );
    await deleteDokument(deleted.id);
    const version = (
      await t.superuser.query(`select version from ablage_stand where tenant_id = 'nordhausen'`)
    ).rows[0].version;
    expect(await t.services.ablagevorschlaege.learn('nordhausen')).toBe(2);
    expect(await count('einheit', moved.unit_id)).toBe(oldUnit - 2);
    expect(await count('einheit', target.unit_id)).toBe(newUnit + 1);
    expect(await count('vorgang', moved.vorgang_id)).toBe(
      learned.filter((d) => d.vorgang_id === moved.vorgang_id && d.id !== moved.id && d.id !== deleted.id)
        .length,
    );
    const gelernt = await t.superuser.query(
      `select dokument_id, vorgang from ablage_gelernt where tenant_id = 'nordhausen' and dokument_id = any($1::uuid[])`,
      [[moved.id, deleted.id]],
    );
    expect(gelernt.rows).toEqual([{ dokument_id: moved.id, vorgang: target.vorgang_id }]);
    const after = (await t.superuser.query(`select version from ablage_stand where tenant_id = 'nordhausen'`))
      .rows[0].version;
    expect(Number(after)).toBeGreaterThan(Number(version));
    // Unlearning leaves exactly the model that learning the documents as they are now gives.
    const unlearned = await modelOf('nordhausen');
    await t.superuser.query(`delete from ablage_terme where tenant_id = 'nordhausen'`);
    await t.superuser.query(`delete from ablage_klassen where tenant_id = 'nordhausen'`);
    await t.superuser.query(`delete from ablage_gelernt where tenant_id = 'nordhausen'`);
    await t.superuser.query(`delete from ablage_stand where tenant_id = 'nordhausen'`);
    expect(await t.services.ablagevorschlaege.learn('nordhausen', { skip: heldOut })).toBe(docs.length - 1);
    expect(await modelOf('nordhausen')).toEqual(unlearned);
  });

  it('a process holding a county’s classifier in memory takes up the learner’s new version', {
    timeout: 60_000,
  }, async () => {
    // A document the model has learned: the test before learned all but the held-out ones (a fifth,
    // by a hash of their random ids); deleting a held-out one changes no count, so no new version
    // comes – the test failed whenever the first document by id was one of them.
    const doc = (await docsOf('nordhausen')).find((d) => !heldOut(d.id));
    const cache = t.services.ablagevorschlaege.cache;
    await t.services.ablagevorschlaege.suggest({ tenantId: 'nordhausen', text: doc!.text });
    await cache.settled();
    const held = await cache.get('nordhausen');
    await deleteDokument(doc!.id);
    await t.services.ablagevorschlaege.learn('nordhausen');
    // The stale classifier answers once while the new version loads in the background.
    expect(await cache.get('nordhausen')).toBe(held);
    // A reload that failed is retried by the next suggestion: a few suggestions later the new
    // version must be held.
    let now = held;
    for (let i = 0; i < 5 && now === held; i++) {
      await cache.settled();
      now = await cache.get('nordhausen');
    }
    expect(now).not.toBe(held);
  });

  it('answers over the API with unit, Akte, Vorgang and kind, or null below the threshold', async () => {
    const token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const res = await t.request('/api/v1/ablagevorschlaege', { token, json: { text: 'xyz qwv' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      einheit: null,
      akte: null,
      vorgang: null,
      art: null,
      kandidaten: { einheit: expect.any(Array), akte: expect.any(Array) },
    });
    const bad = await t.request('/api/v1/ablagevorschlaege', { token, json: {} });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
