import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { renderScan, SCAN_LINES, scanPostScript } from '../../../../test/support/scans.ts';
import { createOcrResultCache } from './ocr.cache.ts';
import { createScanInbox } from './ocr.fixture.ts';

const sha = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const owner = { tenantId: 'nordhausen', dokumentId: '00000000-0000-4000-8000-000000000001', version: 1 };
const run = {
  pdf: Buffer.from('%PDF-1.7 rendition'),
  pdfa: true,
  text: 'Zweckvereinbarung',
  confidence: 91.5,
  words: 1,
  pagesRecognised: 1,
};

describe('OCR results kept on disk until their job commits (ocr.cache.ts)', () => {
  it('gives a kept result back only for the same key and county, and ignores and deletes a corrupt or partial file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-ocr-cache-'));
    const cache = createOcrResultCache({ dir });
    const key = cache.keyOf({ tenantId: 'nordhausen', inputSha256: 'a'.repeat(64), settings: { x: 1 } });
    // The county and the settings are part of the key: another county's key differs.
    expect(
      cache.keyOf({ tenantId: 'kyffhaeuser', inputSha256: 'a'.repeat(64), settings: { x: 1 } }),
    ).not.toBe(key);
    expect(cache.keyOf({ tenantId: 'nordhausen', inputSha256: 'a'.repeat(64), settings: { x: 2 } })).not.toBe(
      key,
    );
    await cache.put(key, owner, run);
    expect(await cache.get(key, 'nordhausen')).toEqual(run);
    expect(await cache.get(key, 'kyffhaeuser')).toBeNull();
    // A partial file (cut rendition) and a file with a changed byte are ignored and removed.
    const file = path.join(dir, `${key}.ocr`);
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, whole.length - 3));
    expect(await cache.get(key, 'nordhausen')).toBeNull();
    expect(await readdir(dir)).toEqual([]);
    const changed = Buffer.from(whole);
    changed[changed.length - 1] = 0x21;
    await writeFile(file, changed);
    expect(await cache.get(key, 'nordhausen')).toBeNull();
    await writeFile(file, 'kein JSON');
    expect(await cache.get(key, 'nordhausen')).toBeNull();
    expect(await cache.get('../../etc/passwd', 'nordhausen')).toBeNull();
  });

  it('sweeps entries whose version is no longer pending and entries older than a day, keeps the others', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-ocr-cache-'));
    const cache = createOcrResultCache({ dir });
    const keys = ['a', 'b', 'c'].map((c) =>
      cache.keyOf({ tenantId: 'nordhausen', inputSha256: c, settings: {} }),
    );
    for (const [version, key] of keys.entries())
      await cache.put(key, { ...owner, version: version + 1 }, run);
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await utimes(path.join(dir, `${keys[2]}.ocr`), old, old);
    // Versions 1 and 3 still wait for their commit, version 2 has committed; 3 is older than a day.
    const deleted = await cache.sweep(
      async () => new Set([`nordhausen/${owner.dokumentId}/1`, `nordhausen/${owner.dokumentId}/3`]),
    );
    expect(deleted).toBe(2);
    expect(await readdir(dir)).toEqual([`${keys[0]}.ocr`]);
  });
});

describe('A scan whose storing transaction fails after Tesseract is not recognised again on the retry (real Tesseract, real PostgreSQL failure)', () => {
  let t: TestContext;
  let token: string;
  let vorgangId: string;
  let log: string;
  const savedPath = process.env.PATH;
  beforeAll(async () => {
    ({ t, token, vorgangId } = await createScanInbox());
    // Tesseract counted through a wrapper first on PATH (as bench:import counts OCR runs).
    const bin = await mkdtemp(path.join(tmpdir(), 'verbund-ocr-count-'));
    log = path.join(bin, 'runs.log');
    await writeFile(log, '');
    const real = (await import('node:child_process'))
      .execFileSync('sh', ['-c', 'command -v tesseract'])
      .toString()
      .trim();
    await writeFile(
      path.join(bin, 'tesseract'),
      `#!/bin/sh\nif [ -f "$1" ]; then echo "$(sha256sum "$1" | cut -d' ' -f1)" >> '${log}'; fi\nexec ${real} "$@"\n`,
    );
    await chmod(path.join(bin, 'tesseract'), 0o755);
    process.env.PATH = `${bin}:${savedPath}`;
    t.services.ocr.tools.reset();
  }, 120_000);
  afterAll(async () => {
    process.env.PATH = savedPath;
    t?.services.ocr.tools.reset();
    await t?.close();
  });

  it('runs Tesseract once, stores the hash-verified rendition after the retry and deletes the kept result after the commit', async () => {
    // The first write of a finished OCR state fails inside PostgreSQL (a trigger raising once).
    await t.superuser.query(`
      create sequence ocr_fail_once;
      grant usage on sequence ocr_fail_once to public;
      create function ocr_fail_once() returns trigger language plpgsql as $$
      begin
        if new.status = 'done' and nextval('ocr_fail_once') = 1 then
          raise exception 'Verbindung zur Datenbank unterbrochen (Test)';
        end if;
        return new;
      end $$;
      create trigger ocr_fail_once before insert or update on ocr_ergebnisse for each row execute function ocr_fail_once();`);
    const png = await renderScan(scanPostScript([SCAN_LINES]), 'png');
    const form = new FormData();
    form.set('datei', new Blob([png as BlobPart]), 'scan-brief.png');
    const uploaded = await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token, body: form });
    expect(uploaded.status).toBe(201);
    const id = uploaded.json.id as string;

    for (let round = 0; round < 10; round++) {
      await drainJobs(t);
      const doc = (await t.request(`/api/v1/dokumente/${id}`, { token })).json;
      if (doc.textStatus !== 'pending') break;
      // The retry waits for its backoff: made due at once.
      await t.superuser.query(`update jobs set run_at = now() where status = 'queued'`);
    }
    // The failure did happen (the trigger fired for the failed and the successful write).
    const fired = await t.superuser.query('select last_value::int as n from ocr_fail_once');
    expect(fired.rows[0].n).toBeGreaterThanOrEqual(2);

    const runs = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    expect(runs).toHaveLength(1);
    const state = (await t.request(`/api/v1/dokumente/${id}/ocr`, { token })).json.items[0];
    expect(state).toMatchObject({ status: 'done', pdfa: true, seitenErkannt: 1, originalSha256: sha(png) });
    const pdf = await t.app.request(`/api/v1/dokumente/${id}/ocr/pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pdf.status).toBe(200);
    expect(sha(Buffer.from(await pdf.arrayBuffer()))).toBe(state.renditionSha256);
    expect((await t.request(`/api/v1/dokumente/${id}/text`, { token })).json.text).toContain(
      'Zweckvereinbarung',
    );

    // The kept result waited for the commit; now the sweep deletes it.
    const dir = path.join(t.config.dataDir, 'ocr-ergebnisse');
    expect((await readdir(dir)).filter((name) => name.endsWith('.ocr'))).toHaveLength(1);
    expect(await t.services.ocr.sweepCache()).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  }, 240_000);
});
