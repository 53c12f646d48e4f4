import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../../test/support/cli.ts';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { startImportCli } from '../../../../test/support/import-cli.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const env = () => ({
  ...process.env,
  DATABASE_URL: t.ownerUrl,
  DATABASE_APP_URL: t.appUrl,
  VERBUND_DATA_DIR: t.config.dataDir,
  LOG_LEVEL: 'silent',
});

const startImport = (dir: string, tenant: string, extra: string[] = []) =>
  startImportCli({ dir, tenant, env: env(), args: ['--parallel', '2', ...extra] });

const outcomes = async (tenant: string) =>
  (
    await t.superuser.query(
      `select f.status, count(*)::int as n from import_dateien f join import_laeufe l
         on l.id = f.lauf_id and l.tenant_id = f.tenant_id where l.tenant_id = $1 group by f.status`,
      [tenant],
    )
  ).rows as Array<{ status: string; n: number }>;

describe('verbund import (command line)', () => {
  it('resumes after kill -9 twice without losing or doubling a file', async () => {
    // A word of its own per file (letters only): every one must reach the county's vocabulary,
    // also those of files filed by a killed process before it added their words.
    const marker = (n: number) =>
      `Quarkelvermerk${String.fromCharCode(97 + Math.floor(n / 26))}${String.fromCharCode(97 + (n % 26))}`;
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-import-kill-'));
    for (let folder = 0; folder < 4; folder++) {
      await mkdir(path.join(dir, `ordner-${folder}`));
      for (let i = 0; i < 30; i++)
        await writeFile(
          path.join(dir, `ordner-${folder}`, `schreiben-${i}.txt`),
          `Schreiben ${folder}-${i} an den Kyffhäuserkreis: Antrag auf Erteilung einer Genehmigung. ${marker(folder * 30 + i)}`,
        );
    }
    for (const threshold of [10, 60]) {
      const run = startImport(dir, 'kyffhaeuserkreis');
      const deadline = Date.now() + 120_000;
      for (;;) {
        const done = (await outcomes('kyffhaeuserkreis')).reduce((sum, r) => sum + r.n, 0);
        if (done >= threshold) break;
        if (Date.now() > deadline) throw new Error(`no progress: ${run.output()}`);
        await sleep(20);
      }
      run.child.kill('SIGKILL');
      expect(await run.exited).toBeNull();
    }
    const last = startImport(dir, 'kyffhaeuserkreis');
    expect(await last.exited).toBe(0);
    expect(last.output()).toContain('Setze Import fort');
    expect(last.output()).toMatch(/Fertig: 120 von 120 Dateien – 120 importiert, 0 Duplikate/);
    expect(await outcomes('kyffhaeuserkreis')).toEqual([{ status: 'importiert', n: 120 }]);
    // One document per file, one Vorgang per folder: nothing doubled by the killed runs.
    const docs = await t.superuser.query(
      `select count(*)::int as n, count(distinct dv.sha256)::int as distinct_hashes,
              count(distinct d.vorgang_id)::int as vorgaenge
       from import_laeufe l join dokumente d on d.akte_id = l.akte_id and d.tenant_id = l.tenant_id
       join dokument_versionen dv on dv.dokument_id = d.id and dv.tenant_id = d.tenant_id
       where l.tenant_id = 'kyffhaeuserkreis'`,
    );
    expect(docs.rows).toEqual([{ n: 120, distinct_hashes: 120, vorgaenge: 4 }]);
    const orphans = await t.superuser.query(
      `select count(*)::int as n from vorgaenge v join import_laeufe l on l.akte_id = v.akte_id
       where not exists (select 1 from dokumente d where d.vorgang_id = v.id)`,
    );
    expect(orphans.rows[0].n).toBe(0);
    // (Some markers share a key: "…en" and "…es" read as inflections of one word.)
    const missing = await t.superuser.query(
      `select count(distinct w)::int as keys, count(distinct w) filter (where v.schluessel is null)::int as missing
       from dokumente d cross join lateral unnest(tsvector_to_array(d.search)) w
       left join search_vocabulary v on v.tenant_id = d.tenant_id and v.schluessel = w
       where d.tenant_id = 'kyffhaeuserkreis' and w like 'quarkelvermerk%'`,
    );
    expect(missing.rows[0].keys).toBeGreaterThan(100);
    expect(missing.rows[0].missing).toBe(0);
  }, 300_000);

  it('prints a JSON summary with --json: the empty file is filed, the second copy is seen again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-import-json-'));
    await writeFile(path.join(dir, 'a.txt'), 'Erstes Schreiben');
    await writeFile(path.join(dir, 'b.txt'), 'Erstes Schreiben');
    await writeFile(path.join(dir, 'c.txt'), '');
    const run = startImport(dir, 'nordhausen', ['--json']);
    expect(await run.exited).toBe(0);
    const lines = run.output().trim().split('\n');
    const summary = JSON.parse(lines.at(-1)!);
    expect(summary).toMatchObject({
      status: 'fertig',
      importiert: 2,
      duplikate: 1,
      fehler: 0,
      unterbrochen: false,
    });
    expect(summary).not.toHaveProperty('quelle');
    expect(summary.duplikatliste[0].grund).toContain('2. Mal gesehen');
  }, 60_000);

  it('refuses a missing directory, a missing county and stray arguments with a German message', async () => {
    const missing = await cli(t, 'import', '/gibt/es/nicht', '--tenant', 'nordhausen');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('Das Verzeichnis „/gibt/es/nicht“ gibt es nicht.');
    expect((await cli(t, 'import', '/tmp')).code).toBe(2);
    const extra = await cli(t, 'import', '/tmp', '/var', '--tenant', 'nordhausen');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('Zu viele Argumente');
  }, 120_000);
});
