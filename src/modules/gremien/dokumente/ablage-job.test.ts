import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { enqueueJob } from '../../../platform/jobs/jobs.ts';
import { ABLAGE_JOB } from './ablage-job.ts';

const TENANT = 'wartburgkreis';
let t: TestContext;
let token: string;
beforeAll(async () => {
  t = await createTestContext();
  token = await t.tokenFor(TENANT);
});
afterAll(() => t.close());

const api = async (path: string, json?: unknown, method?: string) => {
  const response = await t.request(`/api/v1${path}`, { token, json, ...(method ? { method } : {}) });
  expect(response.status, `${method ?? 'POST'} ${path}`).toBeLessThan(300);
  return response;
};

/** The filing jobs of an object by status, and its filed documents (version, versions of its Dokument). */
async function stand(objektId: string) {
  const jobs = await t.superuser.query<{ status: string; art: string }>(
    `select status, payload->>'art' as art from jobs
     where kind = $1 and (payload->>'sitzungId' = $2 or payload->>'vorlageId' = $2) order by id`,
    [ABLAGE_JOB, objektId],
  );
  const filed = await t.superuser.query(
    `select g.art, g.version, (select count(*)::int from dokument_versionen v where v.dokument_id = g.dokument_id) as versionen
     from gremien_dokumente g where g.objekt_id = $1 order by g.art`,
    [objektId],
  );
  return { jobs: jobs.rows, dokumente: filed.rows };
}

let sitzungen = 0;
async function neueSitzung() {
  sitzungen += 1;
  const gremium = await api('/gremien', {
    name: `Ausschuss ${sitzungen}`,
    kuerzel: `A${sitzungen}`,
    art: 'ausschuss',
    sitze: 3,
  });
  const sitzung = await api(`/gremien/${gremium.json.id}/sitzungen`, {
    beginn: '2020-09-10T17:00:00+02:00',
    ort: 'Bad Salzungen, Landratsamt',
  });
  await api(`/sitzungen/${sitzung.json.id}/tagesordnung`, { titel: 'Eröffnung' });
  return sitzung.json.id as string;
}

describe('filing of council PDFs in the background (job gremien.dokument-ablegen)', () => {
  it('files nothing in the state change itself; many changes in a row leave one pending job and one version', async () => {
    const sitzung = await neueSitzung();
    expect(await stand(sitzung)).toEqual({ jobs: [], dokumente: [] }); // a planned session: a draft only
    await api(`/sitzungen/${sitzung}`, { status: 'eingeladen' }, 'PATCH');
    for (const titel of ['Haushalt 2021', 'Anfragen', 'Verschiedenes'])
      await api(`/sitzungen/${sitzung}/tagesordnung`, { titel });
    await api(`/sitzungen/${sitzung}`, { ort: 'Bad Salzungen, Sitzungssaal' }, 'PATCH');
    expect(await stand(sitzung)).toEqual({ jobs: [{ status: 'queued', art: 'einladung' }], dokumente: [] });
    await drainJobs(t);
    expect(await stand(sitzung)).toEqual({
      jobs: [{ status: 'done', art: 'einladung' }],
      dokumente: [{ art: 'einladung', version: 1, versionen: 1 }],
    });
    // The filed version is the state at the time the job ran: the last agenda item and the new place.
    const pdf = await t.app.request(`/api/v1/sitzungen/${sitzung}/einladung.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pdf.headers.get('x-dokument-version')).toBe('1');
    const { extractText, getDocumentProxy } = await import('unpdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(text).toContain('Verschiedenes');
    expect(text).toContain('Bad Salzungen, Sitzungssaal');
  });

  it('files unchanged bytes once, however many jobs run for them (a job run twice, or after a crash)', async () => {
    const sitzung = await neueSitzung();
    await api(`/sitzungen/${sitzung}`, { status: 'eingeladen' }, 'PATCH');
    await drainJobs(t);
    // Two more jobs for the same, unchanged Einladung: the worker renders, compares, files nothing.
    const payload = { art: 'einladung', sitzungId: sitzung, actor: 'test' };
    await t.services.database.withTenant(TENANT, async (trx) => {
      await enqueueJob(trx, { kind: ABLAGE_JOB, payload });
      await enqueueJob(trx, { kind: ABLAGE_JOB, payload });
    });
    await drainJobs(t);
    const after = await stand(sitzung);
    expect(after.jobs).toEqual(Array(3).fill({ status: 'done', art: 'einladung' }));
    expect(after.dokumente).toEqual([{ art: 'einladung', version: 1, versionen: 1 }]);
    // A change after the filing: a new job, and the next version once it ran.
    await api(`/sitzungen/${sitzung}/tagesordnung`, { titel: 'Anfragen' });
    expect((await stand(sitzung)).dokumente).toEqual([{ art: 'einladung', version: 1, versionen: 1 }]);
    await drainJobs(t);
    expect((await stand(sitzung)).dokumente).toEqual([{ art: 'einladung', version: 2, versionen: 2 }]);
  });

  it('files no Einladung of a session cancelled before its job ran', async () => {
    const sitzung = await neueSitzung();
    await api(`/sitzungen/${sitzung}`, { status: 'eingeladen' }, 'PATCH');
    await api(`/sitzungen/${sitzung}`, { status: 'abgesagt' }, 'PATCH');
    await drainJobs(t);
    expect(await stand(sitzung)).toEqual({ jobs: [{ status: 'done', art: 'einladung' }], dokumente: [] });
  });
});
