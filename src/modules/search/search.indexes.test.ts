import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/support/context.ts';
import { openRecordsContext } from '../records/records.fixture.ts';
import { searchParts } from './search.plan.repository.ts';
import { parseSearchQuery } from './search.query.ts';

let t: TestContext;
beforeAll(async () => ({ t } = await openRecordsContext()));
afterAll(() => t.close());

/**
 * The plan PostgreSQL would take for a statement, as the application role of a county (row-level
 * security applies), without a sequential scan: on the few documents of a test database the table
 * would always be cheapest, at a million documents it never is (README "Wie eine Textsuche ihren
 * Aufwand begrenzt").
 */
async function planOf(statement: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: t.appUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', 'nordhausen', true)`);
    await client.query('set local enable_seqscan = off');
    await client.query('set local enable_sort = off');
    const { rows } = await client.query(`explain (format json) ${statement}`, values);
    return JSON.stringify(rows[0]['QUERY PLAN']);
  } finally {
    await client.query('rollback');
    await client.end();
  }
}

describe('the indexes search relies on at a million documents', () => {
  it('a word and a document kind are one condition of the full-text index', async () => {
    // Migration 0077: a word and a kind that exclude each other cost only the index's posting
    // lists, not one table row per document with the word. (On the few documents of a test
    // database the planner prefers a B-tree on the county; the index's shape is what counts.)
    const { rows } = await t.superuser.query(
      `select indexname, indexdef from pg_indexes where tablename = 'dokumente' and indexdef ~ 'USING gin \\(search[,)]'`,
    );
    expect(rows).toEqual([
      {
        indexname: 'dokumente_search_art',
        indexdef: expect.stringContaining('USING gin (search, art)'),
      },
    ]);
  });

  it('a document kind alone is never a condition of the full-text index', async () => {
    // Alone, a kind is a posting list of about half the county (554,000 at a million documents):
    // ANDed with a small bitmap (a reference number's documents, the title hits) it cost 100–135 ms.
    // The search writes the filter with `like` (searchParts) beside everything but the words; the
    // index's operator class for the kind answers `=`, not `like`.
    const { rows } = await t.superuser.query(
      `select o.oprname from pg_index i join pg_opclass c on c.oid = i.indclass[1]
       join pg_amop a on a.amopfamily = c.opcfamily join pg_operator o on o.oid = a.amopopr
       where i.indexrelid = 'dokumente_search_art'::regclass and o.oprname in ('=', '~~')`,
    );
    expect(rows.map((r) => r.oprname)).toEqual(['=']);
  });

  it('the newest documents with what the visibility rule reads come from the index alone', async () => {
    // Migration 0078: a case worker's listing needs Akte and confidentiality of each document.
    await t.superuser.query('vacuum analyze dokumente');
    const plan = await planOf(
      `select d.id, d.datum, d.unit_id, d.art, d.vorgang_id, d.akte_id, d.vertraulichkeit
       from dokumente d order by d.datum desc, d.id limit 1001`,
    );
    expect(plan).toContain('"Node Type":"Index Only Scan"');
    expect(plan).toContain('"Index Name":"dokumente_neueste_sicht"');
  });

  it('the newest documents of one Aktenplan unit come from their own index, read alone', async () => {
    // Migration 0082: a listing with an Aktenplan filter reads the newest of each unit of the filter.
    const plan = await planOf(
      `select d.id, d.datum, d.unit_id, d.art, d.vorgang_id, d.akte_id, d.vertraulichkeit from dokumente d
       where d.unit_id = '00000000-0000-0000-0000-000000000001' order by d.datum desc, d.id limit 1001`,
    );
    expect(plan).toContain('"Node Type":"Index Only Scan"');
    expect(plan).toContain('"Index Name":"dokumente_neueste_einheit"');
  });

  it('a walk tests one key with the idx() of intarray inlined, not with an overlap that sorts every row', async () => {
    // Migration 0081: `&&` copies and sorts a document's 280 keys for every row tested (about a
    // microsecond); idx() looks the value up in place. 23,000 rows at a million documents: 46 → 19 ms.
    const { rows } = await t.superuser.query(
      `select verbund_has_key('{3,5,8}', 5) as yes, verbund_has_key('{3,5,8}', 4) as no,
              verbund_has_key('{}', 4) as empty`,
    );
    expect(rows[0]).toEqual({ yes: true, no: false, empty: false });
    const client = new pg.Client({ connectionString: t.appUrl });
    await client.connect();
    try {
      const { rows: plan } = await client.query(
        `explain (verbose, format json) select 1 from dokumente d
         where verbund_has_key(d.search_keys, hashtext('bescheid'))`,
      );
      const text = JSON.stringify(plan[0]['QUERY PLAN']);
      expect(text).toContain('idx(d.search_keys,');
      expect(text).not.toContain('verbund_has_key');
    } finally {
      await client.end();
    }
  });

  it('a long list of Vorgänge is estimated from the number of distinct Vorgänge, not element by element', async () => {
    // Migration 0083: with the default 100 most common values, planning compared every element of a
    // case worker's list of Vorgänge with each of them (2.7 ms for 470 at a million documents).
    const { rows } = await t.superuser.query(
      `select attstattarget from pg_attribute where attrelid = 'dokumente'::regclass and attname = 'vorgang_id'`,
    );
    expect(rows).toEqual([{ attstattarget: 10 }]);
  });

  it('title hits check a list of Vorgänge on their rows, never as a bitmap of dokumente_vorgang', async () => {
    // A status filter's Vorgänge hold 150,000 documents at a million: their bitmap cost 102 ms,
    // intersected with the title hits of "Antrag auf Wohngeld", of which 625 were wanted.
    const { rows } = await t.superuser.query(
      `select id from vorgaenge where tenant_id = 'nordhausen' limit 3`,
    );
    const all = sql<boolean>`true`;
    const parts = searchParts(
      {
        scope: { seesAll: true, visible: all, vorgangVisible: all, cleared: all, privileged: all },
        terms: parseSearchQuery('Wohngeld'),
        filter: {},
      },
      { none: false, vorgaenge: rows.map((r) => r.id) },
    );
    const compiled = (condition: typeof parts.titleCondition) =>
      condition.compile(t.services.database.db).sql;
    // `coalesce` hides the column from every index; the same list beside a walk's filters stays an
    // index condition (dokumente_vorgang).
    expect(compiled(parts.titleCondition)).toContain('coalesce(d.vorgang_id, d.vorgang_id) = any(');
    expect(compiled(parts.condition)).toMatch(/^d\.vorgang_id = any\(/);
    // Beside the content's index as the plan says (TextPlan.listsOnRows: a rare word's few documents).
    expect(compiled(parts.textConditionWith({ units: false, vorgaenge: true }))).toContain(
      'coalesce(d.vorgang_id, d.vorgang_id) = any(',
    );
    expect(compiled(parts.textConditionWith({ units: true, vorgaenge: false }))).toMatch(
      /^d\.vorgang_id = any\(/,
    );
    // And PostgreSQL indeed reads no index for it.
    const title = sql`select d.titel from dokumente d where ${parts.titleCondition}`.compile(
      t.services.database.db,
    );
    expect(await planOf(title.sql, [...title.parameters])).not.toContain('dokumente_vorgang');
  });
});
