import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingClamd } from '../../../../bench/import-watch.ts';
import { clamdInstalled } from '../../../../test/support/clamd.ts';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { startCuttableProxy } from '../../../../test/support/cuttable-proxy.ts';
import { startImportCli } from '../../../../test/support/import-cli.ts';

// The bulk import against a real clamd behind a counting socket: a verdict clamd gave is never
// asked for again – not when the importer is killed while clamd answers, not when the database
// goes away between the answer and the commit. The socket holds clamd's reply while the test kills
// the importer or cuts the database, exactly in that window.

const needsClamd = clamdInstalled() || process.env.CI ? describe : describe.skip;
let t: TestContext;
let work: string;
let clamd: Awaited<ReturnType<typeof startCountingClamd>>;
let onReply: ((count: number) => Promise<void> | void) | undefined;
let pgProxy: Awaited<ReturnType<typeof startCuttableProxy>>;

beforeAll(async () => {
  t = await createTestContext();
  if (!clamdInstalled() && !process.env.CI) return;
  work = await mkdtemp(path.join(tmpdir(), 'verbund-scan-helper-'));
  clamd = await startCountingClamd(work, { beforeReply: (_sha, count) => onReply?.(count) });
  pgProxy = await startCuttableProxy(Number(new URL(t.appUrl).port));
}, 60_000);
afterAll(async () => {
  await clamd?.stop();
  await pgProxy?.close();
  await t?.close();
});

const viaProxy = (url: string) => {
  const u = new URL(url);
  u.port = String(pgProxy.port);
  return u.toString();
};

const startImport = (dir: string, tenant: string) =>
  startImportCli({
    dir,
    tenant,
    args: ['--parallel', '2'],
    env: {
      ...process.env,
      DATABASE_URL: viaProxy(t.ownerUrl),
      DATABASE_APP_URL: viaProxy(t.appUrl),
      VERBUND_DATA_DIR: t.config.dataDir,
      VERBUND_CLAMD_SOCKET: clamd.socket,
      VERBUND_VIRENSCAN_PFLICHT: 'alle',
      LOG_LEVEL: 'silent',
    },
  });

async function tree(name: string, files: number) {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < files; i++)
    await writeFile(path.join(dir, `brief-${i}.txt`), `${name}: Schreiben Nr. ${i} an das Landratsamt.`);
  return dir;
}

const imported = async (tenant: string) =>
  (
    await t.superuser.query(
      `select count(*)::int as n from import_dateien f join import_laeufe l
         on l.id = f.lauf_id and l.tenant_id = f.tenant_id where l.tenant_id = $1 and f.status = 'importiert'`,
      [tenant],
    )
  ).rows[0].n as number;

const twice = () => [...clamd.scans().values()].filter((n) => n > 1).length;

needsClamd('import scans with a helper process', () => {
  it('an importer killed while clamd answers does not have the file scanned again by the next one', async () => {
    clamd.reset();
    const dir = await tree('kill', 12);
    const first = startImport(dir, 'kyffhaeuserkreis');
    // The fifth answer: the importer is killed before it can read it.
    onReply = async (count) => {
      if (count !== 5) return;
      first.child.kill('SIGKILL');
      await first.exited;
    };
    expect(await first.exited).toBeNull();
    onReply = undefined;
    const second = startImport(dir, 'kyffhaeuserkreis');
    expect(await second.exited, second.output()).toBe(0);
    expect(await imported('kyffhaeuserkreis')).toBe(12);
    expect(clamd.scans().size).toBe(12);
    expect(twice()).toBe(0);
    // Every helper ended and its journal was taken over.
    expect(await readdir(path.join(t.config.dataDir, 'virenscan'))).toEqual([]);
  }, 180_000);

  it('a database cut between the answer of clamd and the commit does not have the file scanned again', async () => {
    clamd.reset();
    const dir = await tree('datenbank', 12);
    onReply = (count) => {
      if (count === 5) pgProxy.cut();
    };
    const first = startImport(dir, 'unstrut-hainich-kreis');
    const code = await first.exited;
    onReply = undefined;
    pgProxy.restore();
    expect(code, first.output()).not.toBe(0);
    expect(await imported('unstrut-hainich-kreis')).toBeLessThan(12);
    const second = startImport(dir, 'unstrut-hainich-kreis');
    expect(await second.exited, second.output()).toBe(0);
    expect(await imported('unstrut-hainich-kreis')).toBe(12);
    expect(clamd.scans().size).toBe(12);
    expect(twice()).toBe(0);
  }, 180_000);
});
