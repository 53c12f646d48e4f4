import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp } from '../../../test/support/browser.ts';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';

const MiB = 1024 * 1024;

let t: TestContext;
let server: Awaited<ReturnType<typeof serveApp>>;
let token: string;
beforeAll(async () => {
  t = await createTestContext();
  server = await serveApp(t);
  token = await t.tokenFor('nordhausen');
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

async function newVorgang(ctx: TestContext, bearer: string) {
  const akte = await ctx.request('/api/v1/akten', { token: bearer, json: { titel: 'Große Uploads' } });
  const vorgang = await ctx.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token: bearer,
    json: { betreff: 'Große Uploads' },
  });
  expect(vorgang.status).toBe(201);
  return vorgang.json.id as string;
}

/**
 * Sends a multipart upload with `Transfer-Encoding: chunked` (no Content-Length), generated on
 * the fly from one reused 1 MiB chunk, over a real socket. Stops writing once an answer arrives.
 */
function chunkedUpload({
  baseUrl,
  urlPath,
  bearer,
  megabytes,
  fileName = 'gross.bin',
}: {
  baseUrl: string;
  urlPath: string;
  bearer: string;
  megabytes: number;
  fileName?: string;
}): Promise<{ status: number; body: string }> {
  const boundary = `----verbund${randomBytes(8).toString('hex')}`;
  const chunk = randomBytes(MiB);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(`${baseUrl}${urlPath}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'transfer-encoding': 'chunked',
      },
    });
    request.on('response', (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString() }),
      );
    });
    // After an early answer the server may close the socket while we still write: not a failure.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = (data: Buffer | string) =>
      new Promise<void>((done) => (request.write(data) ? done() : request.once('drain', () => done())));
    (async () => {
      await write(
        `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      );
      for (let i = 0; i < megabytes && !answered && !request.destroyed; i++) await write(chunk);
      if (!answered && !request.destroyed) request.end(`\r\n--${boundary}--\r\n`);
    })().catch((error) => {
      if (!answered) reject(error);
    });
  });
}

async function tempFiles(ctx: TestContext) {
  return (await readdir(path.join(ctx.config.dataDir, 'blobs', 'tmp')).catch(() => [] as string[])).filter(
    (n) => n.endsWith('.part'),
  );
}

describe('request body limits', () => {
  it('four parallel chunked uploads of 80 MiB stream to disk: the memory of the process stays flat', async () => {
    const vorgangId = await newVorgang(t, token);
    // Warm-up: code paths, pools and buffers are in place before the baseline is taken.
    expect(
      (
        await chunkedUpload({
          baseUrl: server.url,
          urlPath: `/api/v1/vorgaenge/${vorgangId}/dokumente`,
          bearer: token,
          megabytes: 4,
        })
      ).status,
    ).toBe(201);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          chunkedUpload({
            baseUrl: server.url,
            urlPath: `/api/v1/vorgaenge/${vorgangId}/dokumente`,
            bearer: token,
            megabytes: 80,
            fileName: `gross-${n}.bin`,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    } finally {
      clearInterval(sampler);
    }
    const growth = peak - baseline;
    // 320 MiB went through; buffering them (as hono/body-limit did) costs at least that much.
    console.info(`RSS: baseline ${Math.round(baseline / MiB)} MiB, peak ${Math.round(peak / MiB)} MiB`);
    expect(growth).toBeLessThan(150 * MiB);
    const list = await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente?limit=10`, { token });
    expect(
      list.json.items
        .filter((d: { dateiname: string }) => d.dateiname.startsWith('gross-'))
        .map((d: { groesse: number }) => d.groesse),
    ).toEqual([80 * MiB, 80 * MiB, 80 * MiB, 80 * MiB]);
  }, 180_000);

  it('a chunked upload over the limit gets 413 while it streams, and nothing is stored', async () => {
    const small = await createTestContext({ VERBUND_UPLOAD_LIMIT_MB: '4' });
    const smallServer = await serveApp(small);
    try {
      const bearer = await small.tokenFor('nordhausen');
      const vorgangId = await newVorgang(small, bearer);
      const refused = await chunkedUpload({
        baseUrl: smallServer.url,
        urlPath: `/api/v1/vorgaenge/${vorgangId}/dokumente`,
        bearer,
        megabytes: 50,
      });
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body).code).toMatch(/^(upload|request)\.too_large$/);
      const list = await small.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token: bearer });
      expect(list.json.items).toEqual([]);
      expect(await tempFiles(small)).toEqual([]);
      // The server keeps serving.
      expect((await fetch(`${smallServer.url}/health`)).status).toBe(200);
    } finally {
      await smallServer.close();
      await small.close();
    }
  }, 60_000);

  it('a multipart body beyond the upload limit plus envelope is cut off at the request limit, not buffered', async () => {
    const small = await createTestContext({ VERBUND_UPLOAD_LIMIT_MB: '1' });
    try {
      const bearer = await small.tokenFor('nordhausen');
      const vorgangId = await newVorgang(small, bearer);
      // A small document, then 8 MiB in a second file part the route never stores: only the limit
      // on the request as a whole can stop it.
      let sent = 0;
      const boundary = 'verbundgrenze';
      const encoder = new TextEncoder();
      const parts = [
        encoder.encode(
          `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="klein.txt"\r\n\r\nklein\r\n--${boundary}\r\nContent-Disposition: form-data; name="beiwerk"; filename="beiwerk.bin"\r\n\r\n`,
        ),
        ...Array.from({ length: 8 }, () => new Uint8Array(MiB)),
        encoder.encode(`\r\n--${boundary}--\r\n`),
      ];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = parts.shift();
          if (!next) return controller.close();
          sent += next.byteLength;
          controller.enqueue(next);
        },
      });
      const response = await small.app.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({
        code: 'request.too_large',
        detailDe: expect.stringContaining('3 MiB'),
      });
      expect(sent).toBeLessThan(5 * MiB);
      const list = await small.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token: bearer });
      expect(list.json.items).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('a JSON body with a 50 MB unknown field is refused with 413; a small unknown field with 400', async () => {
    const huge = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Akte', beiwerk: 'x'.repeat(50 * 1000 * 1000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.json).toMatchObject({
      code: 'request.too_large',
      detailDe: expect.stringContaining('1 MiB'),
    });
    const small = await t.request('/api/v1/akten', { token, json: { titel: 'Akte', beiwerk: 'x' } });
    expect(small.status).toBe(400);
    expect(small.json).toMatchObject({ code: 'request.unknown_field', errors: [{ path: 'beiwerk' }] });
  });

  it('a chunked JSON body is cut off at the JSON limit while it streams', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"titel":"'));
      },
      pull(controller) {
        if (sent > 64 * MiB) return controller.close();
        sent += 256 * 1024;
        controller.enqueue(new Uint8Array(256 * 1024).fill(0x61));
      },
    });
    const response = await t.app.request('/api/v1/akten', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(2 * MiB);
  });

  it('a declared Content-Length above the limit is refused before a byte is read', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const response = await t.app.request('/api/v1/akten', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': String(20 * MiB),
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('VERBUND_JSON_LIMIT_KB sets the limit for JSON and forms; the Aktenplan CSV import declares its own', async () => {
    const tight = await createTestContext({ VERBUND_JSON_LIMIT_KB: '2' });
    try {
      const bearer = await tight.tokenFor('nordhausen');
      const over = await tight.request('/api/v1/akten', { token: bearer, json: { titel: 'x'.repeat(3000) } });
      expect(over.status).toBe(413);
      const within = await tight.request('/api/v1/akten', { token: bearer, json: { titel: 'Knapp' } });
      expect(within.status).toBe(201);
      // A login form beyond the limit: 413 as well (forms are limited like JSON).
      const login = await tight.app.request('/anmelden', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `login=${'a'.repeat(4000)}`,
      });
      expect(login.status).toBe(413);
      // 100 KiB of CSV passes the CSV route's own limit (5 MiB) although it is far above 2 KiB.
      const csv = `kennzeichen;titel;aufbewahrung_jahre;aussonderung;vertraulichkeit\n${Array.from(
        { length: 2000 },
        (_, i) => `99.${String(i).padStart(4, '0')};Einheit ${i} ${'x'.repeat(20)};10;vernichten;offen`,
      ).join('\n')}\n`;
      expect(csv.length).toBeGreaterThan(60_000);
      const imported = await tight.request('/api/v1/aktenplan/import', {
        token: bearer,
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      expect(imported.status).not.toBe(413);
      const tooBig = await tight.request('/api/v1/aktenplan/import', {
        token: bearer,
        body: new Uint8Array(6 * MiB).fill(0x61),
        headers: { 'content-type': 'text/csv' },
      });
      expect(tooBig.status).toBe(413);
    } finally {
      await tight.close();
    }
  });
});
