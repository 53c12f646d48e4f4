import { execFile } from 'node:child_process';
import { appendFile, mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

let t: TestContext;
let token: string;
beforeAll(async () => {
  // 64 KiB upload limit: the large file goes to _fehler with its reason.
  t = await createTestContext({ VERBUND_UPLOAD_LIMIT_MB: '0.0625' });
  token = await t.tokenFor('wartburgkreis', ['kreis-admin']);
});
afterAll(() => t?.close());

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );
/** Writes a file whose last change lies a minute back (as if copied in long ago). */
async function dropOld(file: string, content: string | Buffer) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  const past = new Date(Date.now() - 60_000);
  await utimes(file, past, past);
}
const documentsWith = async (text: string) =>
  (
    await t.superuser.query(
      `select d.id, d.titel, v.betreff, u.kennzeichen from dokumente d
       join vorgaenge v on v.id = d.vorgang_id and v.tenant_id = d.tenant_id
       join aktenplan_units u on u.id = d.unit_id and u.tenant_id = d.tenant_id
       where d.tenant_id = 'wartburgkreis' and d.metadaten::text like $1`,
      [`%${text}%`],
    )
  ).rows;

describe('consume folders', () => {
  let dir: string;
  let id: string;

  it('are set up per county over the API, with their own Akte and subfolder rules', async () => {
    const created = await t.request('/api/v1/eingangsordner', {
      token,
      json: {
        name: 'Poststelle',
        pfad: 'poststelle',
        aktenplan: '00.40',
        regeln: [{ unterordner: 'Kreistag', aktenplan: '00.10' }],
        stabilSekunden: 1,
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Poststelle', pfad: 'poststelle', aktiv: true, dateien: [] });
    id = created.json.id;
    dir = path.join(t.config.intake.eingangRoot, 'wartburgkreis', 'poststelle');
    expect(await exists(dir)).toBe(true);
    const twice = await t.request('/api/v1/eingangsordner', {
      token,
      json: { name: 'Nochmal', pfad: 'poststelle/' },
    });
    expect(twice.status).toBe(422);
    expect(
      (await t.request('/api/v1/eingangsordner', { token, json: { name: 'x', pfad: '../nordhausen' } }))
        .status,
    ).toBe(400);
    const bad = await t.request('/api/v1/eingangsordner', {
      token,
      json: { name: 'x', pfad: 'y', regeln: [{ unterordner: 'a', aktenplan: '00.10', vorgangId: id }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.detailDe).toContain('genau eines');
    const clerk = await t.tokenFor('wartburgkreis', ['sachbearbeitung']);
    expect((await t.request('/api/v1/eingangsordner', { token: clerk })).status).toBe(403);
  });

  it('takes complete files only, files them by rule, removes them after commit and moves failures to _fehler with the reason', async () => {
    const watcher = t.services.createEingangsordnerWatcher({ events: false });
    await dropOld(path.join(dir, 'brief.txt'), 'Schreiben an die Poststelle des Wartburgkreises');
    await dropOld(path.join(dir, 'Kreistag', 'antrag.txt'), 'Antrag der Fraktion an den Kreistag');
    await dropOld(path.join(dir, 'scan.pdf.part'), 'noch nicht fertig kopiert');
    await dropOld(path.join(dir, '~$brief.docx'), 'Sperrdatei von Word');
    await dropOld(path.join(dir, 'gross.txt'), 'x'.repeat(70_000));
    await writeFile(path.join(dir, 'wachsend.txt'), 'Anfang');

    // First look: nothing is taken (a file must look the same twice).
    expect(await watcher.runOnce()).toMatchObject({ abgelegt: 0, fehler: 0 });
    await appendFile(path.join(dir, 'wachsend.txt'), ' und mehr');
    expect(await watcher.runOnce()).toMatchObject({ abgelegt: 2, fehler: 1, duplikat: 0 });

    expect(await exists(path.join(dir, 'brief.txt'))).toBe(false);
    expect(await exists(path.join(dir, 'Kreistag', 'antrag.txt'))).toBe(false);
    expect(await exists(path.join(dir, 'scan.pdf.part'))).toBe(true);
    expect(await exists(path.join(dir, '~$brief.docx'))).toBe(true);
    expect(await exists(path.join(dir, 'wachsend.txt'))).toBe(true);
    expect(await exists(path.join(dir, 'gross.txt'))).toBe(false);
    expect(await readFile(path.join(dir, '_fehler', 'gross.txt.grund.txt'), 'utf8')).toContain('Obergrenze');
    expect(await exists(path.join(dir, '_fehler', 'gross.txt'))).toBe(true);

    expect(await documentsWith('Poststelle/brief.txt')).toEqual([
      expect.objectContaining({ titel: 'brief', betreff: 'Posteingang Poststelle', kennzeichen: '00.40' }),
    ]);
    expect(await documentsWith('Poststelle/Kreistag/antrag.txt')).toEqual([
      expect.objectContaining({ betreff: 'Posteingang Kreistag', kennzeichen: '00.10' }),
    ]);
    // Files in _fehler are never taken again (the growing file is still being written to).
    await appendFile(path.join(dir, 'wachsend.txt'), ' und noch mehr');
    expect(await watcher.runOnce()).toMatchObject({ abgelegt: 0, fehler: 0 });
    await rm(path.join(dir, 'wachsend.txt'));
  });

  it('records known bytes as seen again, and a leftover of a crash after commit is only removed', async () => {
    const watcher = t.services.createEingangsordnerWatcher({ events: false });
    await dropOld(path.join(dir, 'kopie.txt'), 'Schreiben an die Poststelle des Wartburgkreises');
    await watcher.runOnce();
    expect(await watcher.runOnce()).toMatchObject({ duplikat: 1, abgelegt: 0 });
    expect(await exists(path.join(dir, 'kopie.txt'))).toBe(false);
    // The same path with the same bytes as a filed file: the unlink after the commit did not happen.
    await dropOld(path.join(dir, 'brief.txt'), 'Schreiben an die Poststelle des Wartburgkreises');
    await watcher.runOnce();
    expect(await watcher.runOnce()).toMatchObject({ duplikat: 0, abgelegt: 1 });
    expect(await exists(path.join(dir, 'brief.txt'))).toBe(false);
    expect(await documentsWith('Poststelle/brief.txt')).toHaveLength(1);
    const shown = await t.request(`/api/v1/eingangsordner/${id}`, { token });
    const log = shown.json.dateien.map((d: { pfad: string; status: string }) => `${d.status} ${d.pfad}`);
    expect(log).toHaveLength(4);
    expect(log).toEqual(
      expect.arrayContaining([
        'duplikat kopie.txt',
        'fehler gross.txt',
        'abgelegt brief.txt',
        'abgelegt Kreistag/antrag.txt',
      ]),
    );
  });

  it('a change event brings the next pass forward; without events the poll alone finds the file', {
    timeout: 60_000,
  }, async () => {
    const watcher = t.services.createEingangsordnerWatcher({ pollMs: 60_000 });
    watcher.start();
    try {
      await sleep(300);
      await dropOld(path.join(dir, 'eilig.txt'), 'Eilige Mitteilung an den Landrat');
      const deadline = Date.now() + 15_000;
      while ((await exists(path.join(dir, 'eilig.txt'))) && Date.now() < deadline) await sleep(100);
      expect(await exists(path.join(dir, 'eilig.txt'))).toBe(false);
    } finally {
      await watcher.stop();
    }
    const polling = t.services.createEingangsordnerWatcher({ events: false, pollMs: 200 });
    polling.start();
    try {
      await dropOld(path.join(dir, 'Kreistag', 'spaet.txt'), 'Nachgereichte Unterlage');
      const deadline = Date.now() + 15_000;
      while ((await exists(path.join(dir, 'Kreistag', 'spaet.txt'))) && Date.now() < deadline)
        await sleep(100);
      expect(await exists(path.join(dir, 'Kreistag', 'spaet.txt'))).toBe(false);
    } finally {
      await polling.stop();
    }
    expect(await documentsWith('Poststelle/eilig.txt')).toHaveLength(1);
  });
});

describe('verbund eingangsordner (command line)', () => {
  it('sets up a folder with a rule and lists it', { timeout: 120_000 }, async () => {
    const run = (...args: string[]) =>
      promisify(execFile)('node', ['bin/verbund.js', ...args], {
        env: {
          ...process.env,
          DATABASE_URL: t.ownerUrl,
          DATABASE_APP_URL: t.appUrl,
          VERBUND_DATA_DIR: t.config.dataDir,
          LOG_LEVEL: 'silent',
        },
      });
    const added = await run(
      'eingangsordner',
      'add',
      '--tenant',
      'nordhausen',
      '--name',
      'Scanstelle',
      '--pfad',
      'scan',
      '--aktenplan',
      '00.40',
      '--regel',
      'Kreistag=00.10',
      '--json',
    );
    expect(JSON.parse(added.stdout)).toMatchObject({
      name: 'Scanstelle',
      regeln: [{ unterordner: 'Kreistag', aktenplan: '00.10' }],
    });
    expect(await exists(path.join(t.config.intake.eingangRoot, 'nordhausen', 'scan'))).toBe(true);
    const listed = await run('eingangsordner', 'list', '--tenant', 'nordhausen');
    expect(listed.stdout).toMatch(/Scanstelle\s+scan\s+aktiv\s+Regeln: 1/);
  });
});
