import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('delivery to a hostile receiver', () => {
  it('a receiver that answers with an endless body fails the delivery at once, with the head of its answer and bounded memory', async () => {
    // A hostile or broken receiver: status 500, then a body that never ends.
    let streamed = 0;
    const endless = createServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      res.write('Fehlerseite des Fachverfahrens ');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) streamed += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/`;
    const admin = await t.tokenFor('kyffhaeuserkreis');
    await t.request('/api/v1/connectoren', {
      token: admin,
      json: {
        id: 'endlos-test',
        name: 'Endlose Antwort',
        ausloeser: 'vorgang.status',
        nutzlast: 'json',
        transport: 'webhook',
      },
    });
    await t.request('/api/v1/connectoren/endlos-test/aktivierung', {
      token: admin,
      method: 'PUT',
      json: { ziel: url, secret: 'endlos-endlos-endlos-endlos' },
    });
    const akte = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'Endlos', aktenplan: '00.30.02' },
    });
    const v = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: admin,
      json: { betreff: 'Endlos' },
    });
    await t.request(`/api/v1/vorgaenge/${v.json.id}/status`, {
      token: admin,
      json: { status: 'in-bearbeitung' },
    });

    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const worker = t.services.createDeliveryWorker({ backoffBaseMs: 1, maxBackoffMs: 1 });
    const attempt = () => t.superuser.query(`select * from outbox where connector_id = 'endlos-test'`);
    let { rows } = await attempt();
    for (let i = 0; i < 20 && rows[0]?.last_error == null; i++) {
      await worker.runOnce();
      ({ rows } = await attempt());
    }
    const elapsed = performance.now() - started;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    endless.closeAllConnections();
    await new Promise((resolve) => endless.close(resolve));

    expect(rows).toHaveLength(1);
    expect(rows[0].last_error).toMatch(/^HTTP 500: Fehlerseite des Fachverfahrens x+$/);
    // Before: the whole answer was read until the 10 s delivery timeout.
    expect(elapsed).toBeLessThan(5_000);
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
    expect(streamed).toBeLessThan(512 * 1024 * 1024);
  });
});
