import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { bewohnerparkenDaten } from '../../../test/support/ozg.ts';
import { signature } from './zustellung/delivery.transport.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type Received = { key: string; body: string; headers: IncomingMessage['headers']; at: number };

/** A real local HTTP receiver; `behaviour` decides the status per request (default 200). */
async function startReceiver(behaviour: (n: number) => number | 'hang' = () => 200) {
  const received: Received[] = [];
  const accepted: Received[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const entry = {
        key: String(req.headers['idempotency-key']),
        body,
        headers: req.headers,
        at: Date.now(),
      };
      received.push(entry);
      const outcome = behaviour(n++);
      if (outcome === 'hang') return; // never answers: the worker is killed meanwhile
      if (outcome === 200) accepted.push(entry);
      res.writeHead(outcome).end(outcome === 200 ? 'ok' : 'kaputt');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eingang`;
  return {
    url,
    received,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const workers: ChildProcess[] = [];
afterEach(() => {
  for (const w of workers.splice(0)) w.kill('SIGKILL');
});

/** A delivery worker in its own process. */
async function startWorkerProcess(lockSeconds = 30, backoffBaseMs = 20) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.resolve(import.meta.dirname, '../../../test/support/delivery-worker.ts'),
      t.appUrl,
      String(lockSeconds),
      String(backoffBaseMs),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
  return child;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting');
}

const outboxCounts = async (connector: string) =>
  (
    await t.superuser.query(
      `select count(*) filter (where status = 'delivered')::int as delivered, count(*)::int as total,
              count(*) filter (where status = 'dead')::int as dead
       from outbox where connector_id = $1`,
      [connector],
    )
  ).rows[0] as { delivered: number; total: number; dead: number };

async function submitAntrag(token: string, gemeinde = '16063105') {
  const form = new FormData();
  form.set('leistung', 'bewohnerparkausweis');
  form.set('gemeinde', gemeinde);
  form.set('daten', JSON.stringify(bewohnerparkenDaten()));
  const response = await t.request('/api/v1/antraege', { token, body: form });
  expect(response.status).toBe(201);
  return response.json;
}

describe('Fachverfahren-Anbindung', () => {
  it('a county’s Fachverfahren receives every new Antrag through a connector another county defined, files the Bescheid back, and the citizen sees it', async () => {
    const receiver = await startReceiver();
    // Nordhausen analysed the Fachverfahren and defines the connector for the whole Verbund.
    const nordhausen = await t.tokenFor('nordhausen');
    const defined = await t.request('/api/v1/connectoren', {
      token: nordhausen,
      json: {
        id: 'parkausweis-fachverfahren',
        name: 'Bewohnerparken → Fachverfahren Parkraum',
        ausloeser: 'antrag.eingegangen',
        filter: 'bewohnerparkausweis',
        nutzlast: 'json',
        mapping: {
          antragsnummer: '$.antrag.nummer',
          vorgang: '$.vorgang.id',
          aktenzeichen: '$.vorgang.aktenzeichen',
          name: '$.antrag.daten.G05000496.F05000059',
          kennzeichen: '$.antrag.daten.G05000477.F05000627',
          quelle: 'Verbund',
        },
        transport: 'webhook',
      },
    });
    expect(defined.status).toBe(201);
    expect(defined.json).toMatchObject({ ownerTenantId: 'nordhausen', aktivierung: { status: 'pending' } });

    // The Wartburgkreis registers its Fachverfahren and switches the connector on.
    const wak = await t.tokenFor('wartburgkreis');
    const fv = await t.request('/api/v1/fachverfahren', {
      token: wak,
      json: { kennung: 'parkraum', name: 'Parkraumverwaltung', hersteller: 'Beispiel GmbH' },
    });
    expect(fv.status).toBe(201);
    const incomplete = await t.request('/api/v1/connectoren/parkausweis-fachverfahren/aktivierung', {
      token: wak,
      method: 'PUT',
      json: { ziel: receiver.url },
    });
    expect(incomplete.status).toBe(400);
    const secret = 'geheimnis-des-wartburgkreises-2026';
    const activated = await t.request('/api/v1/connectoren/parkausweis-fachverfahren/aktivierung', {
      token: wak,
      method: 'PUT',
      json: { ziel: receiver.url, secret },
    });
    expect(activated.json.status).toBe('active');

    // A citizen of Eisenach applies; the delivery goes out after commit.
    const antrag = await submitAntrag(await t.tokenFor('nordhausen', ['sachbearbeitung']));
    const worker = t.services.createDeliveryWorker({ backoffBaseMs: 10 });
    await worker.runOnce();
    expect(receiver.accepted).toHaveLength(1);
    const hit = receiver.accepted[0]!;
    const payload = JSON.parse(hit.body);
    expect(payload).toEqual({
      antragsnummer: antrag.nummer,
      vorgang: antrag.vorgangId,
      aktenzeichen: expect.stringMatching(/03\.10\.03/),
      name: 'Müller',
      kennzeichen: 'NDH-AB 123',
      quelle: 'Verbund',
    });
    expect(hit.headers['x-verbund-signatur']).toBe(
      signature(secret, String(hit.headers['x-verbund-zeitstempel']), hit.body),
    );
    expect(hit.key).toMatch(/^[0-9a-f-]{36}$/);
    // Nordhausen's own Anträge do not go to the Wartburgkreis' endpoint (not activated there).
    await submitAntrag(await t.tokenFor('nordhausen', ['sachbearbeitung']), '16062041');
    await worker.runOnce();
    expect(receiver.accepted).toHaveLength(1);

    // The Fachverfahren finds the Vorgang by its Aktenzeichen and by the external reference …
    const fvToken = fv.json.token as string;
    const byRef = await t.request(`/api/v1/vorgaenge?externeReferenz=${antrag.nummer}`, { token: fvToken });
    expect(byRef.json.items.map((v: { id: string }) => v.id)).toEqual([antrag.vorgangId]);
    const byAz = await t.request(
      `/api/v1/vorgaenge?aktenzeichen=${encodeURIComponent(payload.aktenzeichen)}`,
      {
        token: fvToken,
      },
    );
    expect(byAz.json.items.map((v: { id: string }) => v.id)).toContain(antrag.vorgangId);
    // … files the Bescheid and sets the status: the citizen sees it.
    const form = new FormData();
    form.set('datei', new Blob(['Bescheid: Bewohnerparkausweis erteilt (Zone A).']), 'bescheid.txt');
    form.set('art', 'ausgang');
    const bescheid = await t.request(`/api/v1/vorgaenge/${antrag.vorgangId}/dokumente`, {
      token: fvToken,
      body: form,
    });
    expect(bescheid.status).toBe(201);
    const status = await t.request(`/api/v1/vorgaenge/${antrag.vorgangId}/status`, {
      token: fvToken,
      json: { status: 'beschieden', bescheidDokumentId: bescheid.json.id },
    });
    expect(status.status).toBe(200);
    const tracked = await t.services.ozg.antraege.track(antrag.trackingCode);
    expect(tracked.statusText).toBe('beschieden');
    expect(tracked.nachrichten.some((n) => n.art === 'bescheid' && n.dokumentId === bescheid.json.id)).toBe(
      true,
    );

    // Its own Vorgänge carry its reference, unique per county and Fachverfahren.
    const akte = await t.request('/api/v1/akten', {
      token: fvToken,
      json: { titel: 'Parkraum', aktenplan: '03.10.03' },
    });
    const first = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: fvToken,
      json: { betreff: 'Sondergenehmigung', externeReferenz: 'PRK-2026-1' },
    });
    expect(first.status).toBe(201);
    const again = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: fvToken,
      json: { betreff: 'Doppelt', externeReferenz: 'PRK-2026-1' },
    });
    expect(again.status).toBe(409);
    await receiver.close();
  });

  it('drops FIT-Connect submissions as zip files into a directory, atomically', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-drop-'));
    const admin = await t.tokenFor('kyffhaeuserkreis');
    await t.request('/api/v1/connectoren', {
      token: admin,
      json: {
        id: 'fit-connect-ablage',
        name: 'FIT-Connect-Übergabe per Verzeichnis',
        ausloeser: 'antrag.eingegangen',
        nutzlast: 'fit-connect',
        transport: 'verzeichnis',
      },
    });
    const nordhausen = await t.tokenFor('nordhausen');
    expect(
      (
        await t.request('/api/v1/connectoren/fit-connect-ablage/aktivierung', {
          token: nordhausen,
          method: 'PUT',
          json: { ziel: 'relativ/pfad' },
        })
      ).status,
    ).toBe(400);
    await t.request('/api/v1/connectoren/fit-connect-ablage/aktivierung', {
      token: nordhausen,
      method: 'PUT',
      json: { ziel: dir },
    });
    const antrag = await submitAntrag(await t.tokenFor('nordhausen', ['sachbearbeitung']), '16062041');
    await t.services.createDeliveryWorker().runOnce();
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.zip'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    const zip = unzipSync(await readFile(path.join(dir, files[0]!)));
    const message = JSON.parse(new TextDecoder().decode(zip['ereignis.json']));
    expect(message.metadata).toEqual(antrag.metadaten);
    expect(message.data.G05000496.F05000059).toBe('Müller');
    expect(JSON.parse(new TextDecoder().decode(zip['zustellung.json'])).ereignis).toBe('antrag.eingegangen');
  });

  it('announces documents filed in an Aktenplan unit (prefix filter), in the filing transaction', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-ablage-'));
    const admin = await t.tokenFor('wartburgkreis');
    await t.request('/api/v1/connectoren', {
      token: admin,
      json: {
        id: 'strassenverkehr-ablage',
        name: 'Ablage Straßenverkehr → Archivsystem',
        ausloeser: 'dokument.abgelegt',
        filter: '03.10',
        nutzlast: 'json',
        mapping: { dokument: '$.dokument.id', datei: '$.dokument.dateiname', aktenplan: '$.aktenplan' },
        transport: 'verzeichnis',
      },
    });
    await t.request('/api/v1/connectoren/strassenverkehr-ablage/aktivierung', {
      token: admin,
      method: 'PUT',
      json: { ziel: dir },
    });
    const file = async (kennzeichen: string, name: string) => {
      const akte = await t.request('/api/v1/akten', {
        token: admin,
        json: { titel: `Ablage ${kennzeichen}`, aktenplan: kennzeichen },
      });
      const v = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
        token: admin,
        json: { betreff: 'Ablage' },
      });
      const form = new FormData();
      form.set('datei', new Blob(['Inhalt']), name);
      return (await t.request(`/api/v1/vorgaenge/${v.json.id}/dokumente`, { token: admin, body: form })).json;
    };
    const matching = await file('03.10.01', 'zulassung.txt');
    await file('00.30.02', 'anderes.txt');
    await t.services.createDeliveryWorker().runOnce();
    const zips = (await readdir(dir)).filter((f) => f.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    const message = JSON.parse(
      new TextDecoder().decode(unzipSync(await readFile(path.join(dir, zips[0]!)))['ereignis.json']),
    );
    expect(message).toEqual({ dokument: matching.id, datei: 'zulassung.txt', aktenplan: '03.10.01' });
  });

  it('under faults (30 % failing receiver, two worker processes) every event arrives, in order per Vorgang, duplicates only with the same key', {
    timeout: 120_000,
  }, async () => {
    const receiver = await startReceiver(() => (Math.random() < 0.3 ? 500 : 200));
    const admin = await t.tokenFor('unstrut-hainich-kreis');
    await t.request('/api/v1/connectoren', {
      token: admin,
      json: {
        id: 'status-stoerung',
        name: 'Statusmeldungen unter Störung',
        ausloeser: 'vorgang.status',
        nutzlast: 'json',
        mapping: { vorgang: '$.vorgang.id', status: '$.vorgang.status' },
        transport: 'webhook',
        maxVersuche: 30,
      },
    });
    await t.request('/api/v1/connectoren/status-stoerung/aktivierung', {
      token: admin,
      method: 'PUT',
      json: { ziel: receiver.url, secret: 'stoerung-stoerung-stoerung' },
    });
    await Promise.all([startWorkerProcess(), startWorkerProcess()]);
    // 20 Vorgänge × 5 status changes = 100 events, created while the workers run.
    const akte = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'Störungstest', aktenplan: '00.30.02' },
    });
    const sequence = ['in-bearbeitung', 'ruhend', 'in-bearbeitung', 'beschieden', 'abgeschlossen'];
    const vorgaenge: string[] = [];
    for (let i = 0; i < 20; i++) {
      const v = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
        token: admin,
        json: { betreff: `Fall ${i}` },
      });
      vorgaenge.push(v.json.id);
    }
    for (const status of sequence)
      await Promise.all(
        vorgaenge.map((id) =>
          t.request(`/api/v1/vorgaenge/${id}/status`, { token: admin, json: { status } }),
        ),
      );
    await waitFor(async () => (await outboxCounts('status-stoerung')).delivered === 100, 90_000);
    const counts = await outboxCounts('status-stoerung');
    expect(counts).toEqual({ delivered: 100, total: 100, dead: 0 });
    const keys = (
      await t.superuser.query(
        `select idempotency_key::text as k from outbox where connector_id = 'status-stoerung'`,
      )
    ).rows.map((r) => r.k as string);
    const acceptedKeys = new Set(receiver.accepted.map((r) => r.key));
    for (const key of keys) expect(acceptedKeys.has(key)).toBe(true);
    // Every request the receiver saw belongs to a recorded event: duplicates are retries of the same key.
    for (const r of receiver.received) expect(keys).toContain(r.key);
    expect(receiver.received.length).toBeGreaterThan(100);
    // In order per Vorgang: the accepted status sequence of each Vorgang is exactly the sequence.
    for (const id of vorgaenge) {
      const seen = receiver.accepted
        .map((r) => JSON.parse(r.body))
        .filter((b) => b.vorgang === id)
        .map((b) => b.status);
      expect(seen).toEqual(sequence);
    }
    await receiver.close();
  });

  it('a worker killed with SIGKILL mid-delivery loses nothing: another one delivers after the claim expires', {
    timeout: 60_000,
  }, async () => {
    let hang = true;
    const receiver = await startReceiver(() => (hang ? 'hang' : 200));
    const admin = await t.tokenFor('kyffhaeuserkreis');
    await t.request('/api/v1/connectoren', {
      token: admin,
      json: {
        id: 'kill-test',
        name: 'Abbruchtest',
        ausloeser: 'vorgang.status',
        nutzlast: 'json',
        transport: 'webhook',
      },
    });
    await t.request('/api/v1/connectoren/kill-test/aktivierung', {
      token: admin,
      method: 'PUT',
      json: { ziel: receiver.url, secret: 'abbruch-abbruch-abbruch' },
    });
    const victim = await startWorkerProcess(2);
    const akte = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'Abbruch', aktenplan: '00.30.02' },
    });
    const v = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: admin,
      json: { betreff: 'Abbruch' },
    });
    await t.request(`/api/v1/vorgaenge/${v.json.id}/status`, {
      token: admin,
      json: { status: 'in-bearbeitung' },
    });
    await waitFor(async () => receiver.received.length > 0);
    victim.kill('SIGKILL'); // mid-delivery: the request is out, no answer yet
    const before = await t.superuser.query(`select status from outbox where connector_id = 'kill-test'`);
    expect(before.rows[0].status).toBe('delivering');
    hang = false;
    await startWorkerProcess(2);
    await waitFor(async () => (await outboxCounts('kill-test')).delivered === 1);
    expect(receiver.accepted).toHaveLength(1);
    expect(receiver.accepted[0]!.key).toBe(receiver.received[0]!.key);
    await receiver.close();
  });

  it('dead letters after the maximum attempts, listed with payload, attempts and last error, and redelivered', async () => {
    let failing = true;
    const receiver = await startReceiver(() => (failing ? 503 : 200));
    const admin = await t.tokenFor('wartburgkreis');
    await t.request('/api/v1/connectoren', {
      token: admin,
      json: {
        id: 'tot-test',
        name: 'Totzustellung',
        ausloeser: 'vorgang.status',
        nutzlast: 'json',
        transport: 'webhook',
        maxVersuche: 2,
      },
    });
    await t.request('/api/v1/connectoren/tot-test/aktivierung', {
      token: admin,
      method: 'PUT',
      json: { ziel: receiver.url, secret: 'tot-tot-tot-tot-tot-tot' },
    });
    const akte = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'Tot', aktenplan: '00.30.02' },
    });
    const v = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: admin,
      json: { betreff: 'Tot' },
    });
    await t.request(`/api/v1/vorgaenge/${v.json.id}/status`, {
      token: admin,
      json: { status: 'in-bearbeitung' },
    });
    const worker = t.services.createDeliveryWorker({ backoffBaseMs: 1, maxBackoffMs: 1 });
    for (let i = 0; i < 2; i++) {
      await worker.runOnce();
      await new Promise((r) => setTimeout(r, 20));
    }
    const dead = await t.request('/api/v1/zustellungen?status=dead&connector=tot-test', { token: admin });
    expect(dead.json.total).toBe(1);
    expect(dead.json.items[0]).toMatchObject({
      versuche: 2,
      letzterFehler: expect.stringContaining('HTTP 503'),
    });
    expect(dead.json.items[0].payload.event.vorgang.id).toBe(v.json.id);
    const monitor = await t.request('/api/v1/integrationen/monitor', { token: admin });
    expect(
      monitor.json.items.find((m: { connectorId: string }) => m.connectorId === 'tot-test'),
    ).toMatchObject({ tot: 1 });
    // The Serviceteam sees all counties' delivery health (aggregates only); a county admin may not.
    const verbund = await t.request('/api/v1/integrationen/monitor?verbund=true', {
      token: await t.tokenFor('unstrut-hainich-kreis', ['verbund-admin']),
    });
    expect(verbund.json.items).toContainEqual(
      expect.objectContaining({ connectorId: 'tot-test', landkreis: 'wartburgkreis', tot: 1 }),
    );
    expect(JSON.stringify(verbund.json)).not.toContain('payload');
    expect((await t.request('/api/v1/integrationen/monitor?verbund=true', { token: admin })).status).toBe(
      403,
    );
    failing = false;
    const redeliver = await t.request(`/api/v1/zustellungen/${dead.json.items[0].id}/erneut`, {
      token: admin,
      method: 'POST',
    });
    expect(redeliver.status).toBe(200);
    await worker.runOnce();
    expect((await outboxCounts('tot-test')).delivered).toBe(1);
    expect(new Set(receiver.received.map((r) => r.key)).size).toBe(1);
    const after = await t.request('/api/v1/integrationen/monitor', { token: admin });
    expect(after.json.items.find((m: { connectorId: string }) => m.connectorId === 'tot-test')).toMatchObject(
      {
        tot: 0,
        zugestellt: 1,
        latenzP50Ms: expect.any(Number),
      },
    );
    await receiver.close();
  });

  it('onboarding makes every connector available to a joining county, pending its endpoint', async () => {
    const verbundAdmin = await t.tokenFor('nordhausen', ['verbund-admin']);
    const join = await t.request('/api/v1/verbund/mitglieder', {
      token: verbundAdmin,
      json: { id: 'saale-orla-kreis', name: 'Saale-Orla-Kreis', kreisschluessel: '16075' },
    });
    expect(join.status).toBe(201);
    expect(JSON.stringify(join.json)).toContain('parkausweis-fachverfahren');
    const list = await t.request('/api/v1/connectoren', { token: await t.tokenFor('saale-orla-kreis') });
    expect(list.json.items.length).toBeGreaterThan(0);
    for (const c of list.json.items) expect(c.aktivierung.status).toBe('pending');
  });

  it('`verbund connector add|list` define and list connectors from the command line', async () => {
    const added = await cli(
      t,
      'connector',
      'add',
      '--id',
      'cli-meldung',
      '--name',
      'Meldung per CLI',
      '--owner',
      'kyffhaeuserkreis',
      '--ausloeser',
      'vorgang.status',
      '--transport',
      'webhook',
      '--mapping',
      '{"vorgang":"$.vorgang.id"}',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      id: 'cli-meldung',
      ownerTenantId: 'kyffhaeuserkreis',
      mapping: { vorgang: '$.vorgang.id' },
    });
    const list = await cli(t, 'connector', 'list', '--tenant', 'wartburgkreis');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(
      'cli-meldung  Meldung per CLI  [vorgang.status → webhook]  Eigentümer kyffhaeuserkreis  wartburgkreis: pending',
    );
    const bad = await cli(
      t,
      'connector',
      'add',
      '--id',
      'x',
      '--name',
      'X',
      '--owner',
      'nordhausen',
      '--ausloeser',
      'irgendwas',
      '--transport',
      'webhook',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--ausloeser');
  });
});
