import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

const root = await mkdtemp(path.join(tmpdir(), 'verbund-prewarm-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the embedded server keeps its cache over a restart (autoprewarm)', () => {
  it('notes the cached pages at shutdown and reads them back after the next start', async () => {
    const dir = path.join(root, 'pg');
    const first = await startEmbeddedPostgres({ dir });
    const client = new pg.Client({ connectionString: first.ownerUrl });
    await client.connect();
    const loaded = await client.query(`select current_setting('shared_preload_libraries') as libs`);
    expect(loaded.rows[0].libs).toContain('pg_prewarm');
    await client.query(
      'create table akten_probe as select g as id, md5(g::text) as titel from generate_series(1, 20000) g',
    );
    await client.query('select count(*) from akten_probe');
    await client.end();
    await first.stop();
    // The list of cached pages, written at shutdown: one line per block after the header.
    const blocks = path.join(dir, 'autoprewarm.blocks');
    expect(existsSync(blocks)).toBe(true);
    const lines = (await readFile(blocks, 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThan(100);

    const log: string[] = [];
    const second = await startEmbeddedPostgres({ dir, onLog: (line) => log.push(line) });
    try {
      const deadline = Date.now() + 20_000;
      while (
        !log.some((l) => /autoprewarm successfully prewarmed \d+ of \d+/.test(l)) &&
        Date.now() < deadline
      )
        await new Promise((resolve) => setTimeout(resolve, 100));
      const line = log.find((l) => /autoprewarm successfully prewarmed/.test(l));
      expect(line).toBeDefined();
      const [, done, of] = /prewarmed (\d+) of (\d+)/.exec(line!)!;
      expect(Number(done)).toBe(Number(of));
      expect(Number(done)).toBeGreaterThan(100);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
