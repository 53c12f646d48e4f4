import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { drainJobs } from '../../../test/support/jobs.ts';
import { createJobWorker } from '../../platform/jobs/jobs.ts';
import { createLogger } from '../../platform/logger.ts';
import { recordsHelpers } from '../records/records.fixture.ts';
import { ANALYZER_VERSION } from './analyzer/german-analyzer.ts';
import { indexTerms } from './search.indexer.ts';
import { REINDEX_JOB } from './search.reindex.models.ts';
import { createSearchReindex } from './search.reindex.usecases.ts';

let t: TestContext;
let admin: string;
let wakAdmin: string;
const { upload, newVorgang } = recordsHelpers(() => t);
const logger = createLogger({ level: 'silent' });

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('nordhausen', ['kreis-admin', 'sachbearbeitung', 'leitung']);
  wakAdmin = await t.tokenFor('wartburgkreis', ['kreis-admin', 'sachbearbeitung', 'leitung']);
});
afterAll(() => t.close());

/** Files text documents in a new Vorgang of the county and extracts them. */
async function fileTexts(token: string, texts: string[]) {
  const { vorgangId } = await newVorgang(token, 'Nachbarschaftsstreit', '00.20');
  const ids: string[] = [];
  for (const [i, text] of texts.entries()) {
    const r = await upload(token, vorgangId, text, `schreiben-${i + 1}.txt`, { titel: `Schreiben ${i + 1}` });
    expect(r.status).toBe(201);
    ids.push(r.json.id);
  }
  await drainJobs(t);
  return ids;
}

/**
 * What the index held before the analyzer (version 0): PostgreSQL's Snowball stemmer on text
 * folded ä → ae first, so "Anträge" became 'antraeg' and "Widersprüche" 'widerspruech'.
 */
async function indexAsBefore(ids: string[]) {
  const fold = (x: string) =>
    `to_tsvector('german', replace(replace(replace(replace(lower(${x}), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'))`;
  await t.superuser.query(
    `update dokumente d set search = setweight(${fold('d.titel')}, 'A') || ${fold("coalesce(v.text, '')")},
       search_head = setweight(${fold('d.titel')}, 'A'), search_version = 0
     from dokument_versionen v where v.tenant_id = d.tenant_id and v.dokument_id = d.id
       and v.version = d.aktuelle_version and d.id = any($1::uuid[])`,
    [ids],
  );
}

const search = async (q: string, token = admin) => {
  const r = await t.request(`/api/v1/suche?q=${encodeURIComponent(q)}`, { token });
  expect(r.status).toBe(200);
  return (r.json.items as Array<{ dokumentId: string }>).map((h) => h.dokumentId);
};

const columns = async (id: string) =>
  (
    await t.superuser.query(
      `select search::text as search, search_head::text as head, search_version from dokumente where id = $1`,
      [id],
    )
  ).rows[0];

const reindexJobs = async (tenant: string) =>
  Number(
    (
      await t.superuser.query(
        `select count(*) as n from jobs where tenant_id = $1 and kind = $2 and status in ('queued', 'running')`,
        [tenant, REINDEX_JOB],
      )
    ).rows[0].n,
  );

describe('reindexing after an analyzer change', () => {
  it('"Antrag" finds the document that says "Anträge" once the job has reindexed what the older analyzer indexed', async () => {
    const [id, other] = await fileTexts(admin, [
      'Die Anträge und Widersprüche der Nachbarn liegen dem Bauamt vor.',
      'Ein Schreiben ohne Bezug.',
    ]);
    // Filed today: indexed by the current analyzer.
    expect((await columns(id!)).search_version).toBe(ANALYZER_VERSION);
    expect(await search('Antrag')).toContain(id);

    await indexAsBefore([id!, other!]);
    expect(await search('Antrag')).not.toContain(id);
    expect(await search('Widerspruch')).not.toContain(id);
    const before = await columns(id!);

    // What the web process does at its start.
    const { started } = await t.services.searchReindex.startWhereOutdated();
    expect(started).toEqual(['nordhausen']);
    await drainJobs(t);

    const after = await columns(id!);
    expect(after.search_version).toBe(ANALYZER_VERSION);
    expect(after.search).not.toBe(before.search);
    // Exactly the vector the indexer builds for a document filed now.
    const ctx = (
      await t.superuser.query(
        `select d.titel, d.absender, d.empfaenger, d.metadaten, a.aktenzeichen, a.titel as akte_titel, vg.betreff,
                vg.externe_referenz, dv.dateiname, dv.text
         from dokumente d join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
         join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version where d.id = $1`,
        [id],
      )
    ).rows[0];
    const expected = indexTerms(ctx, ctx.text);
    const normalized = (
      await t.superuser.query('select $1::tsvector::text as search, $2::tsvector::text as head', [
        expected.search,
        expected.head,
      ])
    ).rows[0];
    expect(after).toMatchObject({ search: normalized.search, head: normalized.head });
    expect(await search('Antrag')).toContain(id);
    expect(await search('Widerspruch')).toContain(id);
    expect(await search('Widerspruch')).not.toContain(other);

    const progress = await t.services.searchReindex.progress('nordhausen');
    expect(progress).toMatchObject({ status: 'fertig', mode: 'veraltet', planned: 2, done: 2, outdated: 0 });
    expect(progress.percent).toBe(100);
    expect(await reindexJobs('nordhausen')).toBe(0);
  });

  it('starting is idempotent: one run and one job per county, nothing to do when the index is current', async () => {
    expect((await t.services.searchReindex.start({ tenantId: 'nordhausen' })).started).toBe(false);
    const ids = await fileTexts(admin, ['Erster Antrag.', 'Zweiter Antrag.']);
    await indexAsBefore(ids);
    const [a, b] = await Promise.all([
      t.services.searchReindex.start({ tenantId: 'nordhausen' }),
      t.services.searchReindex.start({ tenantId: 'nordhausen' }),
    ]);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    expect((await t.services.searchReindex.startWhereOutdated()).started).toEqual([]);
    expect(await reindexJobs('nordhausen')).toBe(1);
    await drainJobs(t);
    expect(await reindexJobs('nordhausen')).toBe(0);
    expect((await t.services.searchReindex.progress('nordhausen')).outdated).toBe(0);
  });

  it('reports its progress batch by batch: done of planned, percent, rate and time left', async () => {
    const ids = await fileTexts(
      admin,
      Array.from({ length: 12 }, (_, i) => `Widersprüche Nummer ${i + 1} gegen den Bescheid.`),
    );
    await indexAsBefore(ids);
    const reindex = createSearchReindex({ database: t.services.database, logger, batchSize: 5 });
    const worker = createJobWorker({
      database: t.services.database,
      logger,
      handlers: new Map([reindex.job]),
    });
    expect((await reindex.start({ tenantId: 'nordhausen' })).progress).toMatchObject({
      status: 'laeuft',
      planned: 12,
      done: 0,
    });

    await worker.runOnce();
    const first = await reindex.progress('nordhausen');
    expect(first).toMatchObject({ status: 'laeuft', planned: 12, done: 5, percent: 41, outdated: 7 });
    expect(first.ratePerSecond).toBeGreaterThan(0);
    expect(first.etaSeconds).toBeGreaterThanOrEqual(0);
    expect(first.startedAt).not.toBeNull();
    expect(first.finishedAt).toBeNull();

    // The administration page shows the same.
    const page = await t.request('/verwaltung', { token: admin });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Suchindex: 5 von 12 Dokumenten neu indexiert (41 %)');
    expect(page.text).toMatch(/<progress[^>]*class="kern-progress[^"]*"[^>]*max="12"[^>]*value="5"/);

    // /health says that a reindex runs, summed over the Verbund (no county named).
    expect((await t.request('/health')).json.searchIndex).toEqual({ reindexing: 1, remaining: 7 });

    // And the CLI.
    const status = await cli(t, 'suche', 'status', '--tenant', 'nordhausen');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('nordhausen: Suchindex: 5 von 12 Dokumenten neu indexiert (41 %)');

    await worker.runOnce();
    expect(await reindex.progress('nordhausen')).toMatchObject({ done: 10, percent: 83 });
    while ((await worker.runOnce()) > 0);
    const done = await reindex.progress('nordhausen');
    expect(done).toMatchObject({ status: 'fertig', planned: 12, done: 12, percent: 100, outdated: 0 });
    expect(done.finishedAt).not.toBeNull();
    await reindex.close();
    expect((await t.request('/health')).json.searchIndex).toEqual({ reindexing: 0, remaining: 0 });
    const after = await t.request('/verwaltung', { token: admin });
    expect(after.text).toContain(`Suchindex aktuell (Analyseverfahren Version ${ANALYZER_VERSION})`);
  }, 60_000);

  it('search answers and filing goes on while a batch holds its documents', async () => {
    const ids = await fileTexts(admin, ['Anträge zur Straßenreinigung.', 'Anträge zum Winterdienst.']);
    const [current] = await fileTexts(admin, ['Ein Antrag zum Winterdienst, schon neu indexiert.']);
    await indexAsBefore(ids);
    const { vorgangId } = await newVorgang(admin, 'Winterdienst', '00.20');
    await t.services.searchReindex.start({ tenantId: 'nordhausen' });
    const [, handler] = t.services.searchReindex.job;
    const rollback = new Error('rollback');
    await expect(
      t.services.database.withTenant('nordhausen', async (trx) => {
        // The batch has re-analysed and locked both documents but not committed yet.
        await handler({ trx, payload: {}, attempt: 1, jobId: '0' });
        const started = performance.now();
        // Search reads the committed index: the batch's documents as the older analyzer left them.
        const hits = await search('Antrag');
        expect(performance.now() - started).toBeLessThan(2000);
        expect(hits).toContain(current);
        expect(hits).not.toContain(ids[0]);
        const filed = await upload(admin, vorgangId, 'Neuer Antrag zum Winterdienst.', 'neu.txt');
        expect(filed.status).toBe(201);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    await drainJobs(t);
    expect(await search('Antrag')).toEqual(expect.arrayContaining([...ids, current]));
  });

  it('a run skips documents a person is changing and catches them in a later pass', async () => {
    const ids = await fileTexts(admin, ['Widersprüche A.', 'Widersprüche B.', 'Widersprüche C.']);
    await indexAsBefore(ids);
    await t.services.searchReindex.start({ tenantId: 'nordhausen' });
    const [, handler] = t.services.searchReindex.job;
    // Another transaction holds the row of one document (as an edit of its metadata would).
    const holder = await t.superuser.connect();
    await holder.query('begin');
    await holder.query('select 1 from dokumente where id = $1 for update', [ids[1]]);
    await t.services.database.withTenant('nordhausen', (trx) =>
      handler({ trx, payload: {}, attempt: 1, jobId: '0' }),
    );
    expect((await columns(ids[0]!)).search_version).toBe(ANALYZER_VERSION);
    expect((await columns(ids[1]!)).search_version).toBe(0);
    await holder.query('rollback');
    holder.release();
    // The job enqueued by our manual batch and the next pass (1 s later) finish it.
    for (
      let i = 0;
      i < 20 && (await t.services.searchReindex.progress('nordhausen')).status === 'laeuft';
      i++
    ) {
      await drainJobs(t);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await columns(ids[1]!)).search_version).toBe(ANALYZER_VERSION);
    expect(await t.services.searchReindex.progress('nordhausen')).toMatchObject({
      status: 'fertig',
      outdated: 0,
    });
  });

  it('verbund suche reindex --alle re-analyses every document of the county and status shows the run', async () => {
    await fileTexts(wakAdmin, ['Gebührenbescheide der Müllabfuhr.', 'Widersprüche gegen Gebühren.']);
    const total = Number(
      (await t.superuser.query(`select count(*) as n from dokumente where tenant_id = 'wartburgkreis'`))
        .rows[0].n,
    );
    const started = await cli(t, 'suche', 'reindex', '--tenant', 'wartburgkreis', '--alle', '--json');
    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toEqual([
      expect.objectContaining({
        tenantId: 'wartburgkreis',
        started: true,
        progress: expect.objectContaining({ status: 'laeuft', mode: 'alle', planned: total, done: 0 }),
      }),
    ]);
    // A second start while the run goes changes nothing.
    expect((await t.services.searchReindex.start({ tenantId: 'wartburgkreis' })).started).toBe(false);
    expect(await reindexJobs('wartburgkreis')).toBe(1);
    await drainJobs(t);
    const status = await cli(t, 'suche', 'status', '--tenant', 'wartburgkreis', '--json');
    expect(JSON.parse(status.stdout)[0]).toMatchObject({
      tenantId: 'wartburgkreis',
      status: 'fertig',
      mode: 'alle',
      done: total,
      percent: 100,
    });
    const unknown = await cli(t, 'suche', 'reindex', '--tenant', 'atlantis');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('Unbekannter Landkreis: atlantis');
  }, 120_000);

  it('a county reindexes only its own documents and sees only its own run', async () => {
    const [nh] = await fileTexts(admin, ['Anträge aus Nordhausen.']);
    const [wak] = await fileTexts(wakAdmin, ['Anträge aus dem Wartburgkreis.']);
    await indexAsBefore([nh!, wak!]);
    await t.services.searchReindex.start({ tenantId: 'nordhausen' });
    await drainJobs(t);
    expect((await columns(nh!)).search_version).toBe(ANALYZER_VERSION);
    expect((await columns(wak!)).search_version).toBe(0);
    // Under row-level security a county reads its own run only.
    const visible = (tenant: string) =>
      t.services.database.withTenant(tenant, async (trx) =>
        (await sql<{ tenant_id: string }>`select tenant_id from search_reindex`.execute(trx)).rows.map(
          (r) => r.tenant_id,
        ),
      );
    expect(await visible('nordhausen')).toEqual(['nordhausen']);
    expect(await visible('kyffhaeuserkreis')).toEqual([]);
    const wakPage = await t.request('/verwaltung', { token: wakAdmin });
    expect(wakPage.text).toContain('Suchindex: 1 Dokument noch mit älterem Analyseverfahren indexiert');
    await t.services.searchReindex.start({ tenantId: 'wartburgkreis' });
    await drainJobs(t);
    expect((await columns(wak!)).search_version).toBe(ANALYZER_VERSION);
  });
  it('a document the analyzer cannot handle stays outdated and the run says so; the others are reindexed', async () => {
    const [bad, good] = await fileTexts(admin, ['Anträge, nicht analysierbar.', 'Anträge, analysierbar.']);
    await indexAsBefore([bad!, good!]);
    // A metadata entry that is not an object makes the analysis of this one document throw.
    await t.superuser.query(`update dokumente set metadaten = '[null]' where id = $1`, [bad]);
    await t.services.searchReindex.start({ tenantId: 'nordhausen' });
    for (
      let i = 0;
      i < 40 && (await t.services.searchReindex.progress('nordhausen')).status === 'laeuft';
      i++
    ) {
      await drainJobs(t);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await columns(good!)).search_version).toBe(ANALYZER_VERSION);
    expect((await columns(bad!)).search_version).toBe(0);
    const progress = await t.services.searchReindex.progress('nordhausen');
    expect(progress).toMatchObject({ status: 'abgebrochen', outdated: 1, planned: 2, done: 1 });
    expect(progress.lastError).toContain('1 Dokument nach 3 Durchgängen noch veraltet');
    const page = await t.request('/verwaltung', { token: admin });
    expect(page.text).toContain('Suchindex: Neuindexierung abgebrochen nach');
    // Once the document can be analysed, the next start finishes the county.
    await t.superuser.query(`update dokumente set metadaten = '[]' where id = $1`, [bad]);
    expect((await t.services.searchReindex.startWhereOutdated()).started).toEqual(['nordhausen']);
    await drainJobs(t);
    expect((await columns(bad!)).search_version).toBe(ANALYZER_VERSION);
    expect(await t.services.searchReindex.progress('nordhausen')).toMatchObject({
      status: 'fertig',
      outdated: 0,
    });
  });
});
