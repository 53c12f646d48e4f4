import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { renderTextPdf } from '../../modules/records/dokumente/text-pdf.ts';
import { inlineParameters, quoteLiteral } from './prepared.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('one statement in one round trip (executeAsTenant)', () => {
  it('inlines every kind of parameter as the literal the driver would have sent', async () => {
    const tricky = `O'Brien \\ "Zitat" $2 -- '); drop table dokumente; -- \n Straße 🙂`;
    const when = new Date('2026-11-25T10:15:30.123Z');
    const [row] = await t.services.database.executeAsTenant(
      'nordhausen',
      sql<{
        a: string;
        b: string[];
        c: Record<string, unknown>;
        d: number;
        e: string;
        f: boolean;
        g: null;
        h: string;
      }>`select ${tricky}::text as a, ${['a,b', '{x}', `"q"`, 'back\\slash', null as unknown as string]}::text[] as b,
        ${JSON.stringify({ text: tricky, n: 1 })}::jsonb as c, ${42}::int as d, ${when}::timestamptz::text as e,
        ${true}::boolean as f, ${null}::text as g, current_setting('app.tenant_id') as h`,
    );
    expect(row).toMatchObject({
      a: tricky,
      b: ['a,b', '{x}', '"q"', 'back\\slash', null],
      c: { text: tricky, n: 1 },
      d: 42,
      f: true,
      g: null,
      h: 'nordhausen',
    });
    expect(new Date(row!.e).toISOString()).toBe(when.toISOString());
  });

  it('quotes like the driver and refuses binary values', () => {
    for (const text of ["O'Brien", 'C:\\Pfad\\datei', "\\'; drop table x; --", '', 'ä€🙂'])
      expect(quoteLiteral(text)).toBe(pg.escapeLiteral(text));
    expect(() => inlineParameters([Buffer.from('x')])).toThrow(/binary/);
  });

  it('prepares a statement once per connection and runs it with the values of each call', async () => {
    const { database } = t.services;
    const echo = (value: string) =>
      database.executeAsTenant(
        'nordhausen',
        sql<{ v: string; n: number }>`select ${value}::text as v, ${value.length}::int as n`,
      );
    const values = Array.from({ length: 30 }, (_, i) => `Wert ${i} ${"'".repeat(i % 3)}`);
    const results = await Promise.all(values.map(echo));
    expect(results.map((rows) => rows[0])).toEqual(values.map((v) => ({ v, n: v.length })));
    await expect(
      echo('x'.repeat(3)).then(() => database.executeAsTenant('nordhausen', sql`select ${'nein'}::int`)),
    ).rejects.toThrow();
    expect((await echo('danach'))[0]).toEqual({ v: 'danach', n: 6 });
    const { rows } = await t.superuser.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where usename = 'verbund_app' and datname = current_database()`,
    );
    expect(rows[0]!.n).toBeLessThanOrEqual(5);
  });

  it('commits the statement as one transaction, rolls all of it back on error, and keeps the tenant', async () => {
    const { database } = t.services;
    const marker = `one-trip-${Date.now()}`;
    // A failing statement leaves nothing behind (the insert comes before the failing cast).
    await expect(
      database.executeAsTenant(
        'nordhausen',
        sql`with j as (insert into jobs (tenant_id, kind, payload) values ('nordhausen', ${marker}, '{}') returning id)
            select (select count(*) from j), ${'keine Zahl'}::int`,
      ),
    ).rejects.toThrow();
    // Row-level security holds: another county's row cannot be written.
    await expect(
      database.executeAsTenant(
        'nordhausen',
        sql`insert into jobs (tenant_id, kind, payload) values ('eichsfeld', ${marker}, '{}')`,
      ),
    ).rejects.toThrow(/row-level security/);
    await database.executeAsTenant(
      'nordhausen',
      sql`insert into jobs (tenant_id, kind, payload, status) values ('nordhausen', ${marker}, '{}', 'done')`,
    );
    const { rows } = await t.superuser.query('select tenant_id from jobs where kind = $1', [marker]);
    expect(rows).toEqual([{ tenant_id: 'nordhausen' }]);
  });
});

describe('text extraction in batches', () => {
  it('extracts a batch in one write, marks broken files failed, and leaves e-mails with attachments to the single handler', async () => {
    const token = await t.tokenFor('nordhausen');
    const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Stapel', aktenplan: '00.40' } });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'Stapelverarbeitung' },
    });
    const upload = async (bytes: Uint8Array | string, name: string) => {
      const form = new FormData();
      form.set('datei', new Blob([bytes as BlobPart]), name);
      const response = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
        token,
        body: form,
      });
      expect(response.status).toBe(201);
      return response.json.id as string;
    };
    const pdfIds: string[] = [];
    for (let i = 0; i < 5; i++)
      pdfIds.push(
        await upload(await renderTextPdf(`Bescheid ${i}`, `Stapelwort${i} Grundsteuer`), `b${i}.pdf`),
      );
    const broken = await upload('%PDF-1.7\n1 0 obj << /Type /Catalog', 'kaputt.pdf');
    const eml = await upload(
      [
        'From: a@example.org',
        'Subject: Anlage',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Text',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Disposition: attachment; filename="anlage.txt"',
        '',
        'Anlagentext',
        '--b--',
        '',
      ].join('\r\n'),
      'post.eml',
    );
    const { rows: jobs } = await t.superuser.query<{ id: string; payload: Record<string, unknown> }>(
      `select id::text, payload from jobs where tenant_id = 'nordhausen' and kind = 'records.extract'
         and status = 'queued' and payload->>'dokumentId' = any($1)`,
      [[...pdfIds, broken, eml]],
    );
    expect(jobs).toHaveLength(7);
    const [, batch] = t.services.records.extractionBatchJob;
    const done = await batch({
      tenantId: 'nordhausen',
      jobs: jobs.map((job) => ({ id: job.id, payload: job.payload, attempt: 1 })),
    });
    const emlJob = jobs.find((job) => job.payload.dokumentId === eml)!;
    expect(done.sort()).toEqual(
      jobs
        .filter((job) => job !== emlJob)
        .map((job) => job.id)
        .sort(),
    );
    const status = async (id: string) =>
      (await t.request(`/api/v1/dokumente/${id}`, { token })).json as {
        textStatus: string;
        textFehler?: string;
      };
    for (const id of pdfIds) expect((await status(id)).textStatus).toBe('done');
    expect(await status(broken)).toMatchObject({ textStatus: 'failed' });
    expect((await status(eml)).textStatus).toBe('pending');
    const search = await t.request('/api/v1/suche?q=Stapelwort3', { token });
    expect(search.json.items.map((item: { dokumentId: string }) => item.dokumentId)).toEqual([pdfIds[3]]);
    const { rows: states } = await t.superuser.query<{ status: string; n: number }>(
      'select status, count(*)::int as n from jobs where id = any($1::bigint[]) group by 1',
      [jobs.map((job) => job.id)],
    );
    expect(states).toEqual([
      { status: 'done', n: 6 },
      { status: 'queued', n: 1 },
    ]);
    // The worker hands the rest to the single handler, which files the attachment.
    const worker = t.services.createWorker();
    for (let i = 0; i < 10 && (await worker.runOnce()) > 0; i++);
    expect((await status(eml)).textStatus).toBe('done');
    const list = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token });
    expect(list.json.items.map((item: { titel: string }) => item.titel)).toContain('Anlage: anlage.txt');
  });
});
