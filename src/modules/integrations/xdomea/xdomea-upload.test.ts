import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { zipPieces } from '../../../../test/support/hostile-files.ts';
import {
  AUSSONDERUNG_310,
  BESCHWERDE,
  BESCHWERDE_XML,
  MESSAGE_NAME,
  PLAN,
} from '../../../../test/support/xdomea-fixtures.ts';

/**
 * A large xdomea upload flows to a temp file and from there to the parser process, and its
 * documents flow from the temp file into the blob store: the web process (here: the test process,
 * the app runs in it) never holds the upload or a document whole. The message is a valid
 * Aussonderung whose plan (PDF) is 60 MiB.
 */

const MIB = 1024 * 1024;
const BIG = 60 * MIB;
let t: TestContext;
let token: string;
let dir: string;
beforeAll(async () => {
  t = await createTestContext();
  token = await t.tokenFor('nordhausen', ['sachbearbeitung', 'leitung']);
  dir = await mkdtemp(path.join(tmpdir(), 'xdomea-upload-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes a stored (uncompressed) zip to disk piece by piece (zipPieces); returns its size. */
async function writeZip(
  file: string,
  entries: Array<{ name: string; size: number; chunks: () => Iterable<Uint8Array> }>,
) {
  const out = createWriteStream(file);
  const write = (bytes: Uint8Array) =>
    new Promise<void>((resolve, reject) => out.write(bytes, (error) => (error ? reject(error) : resolve())));
  let size = 0;
  for (const piece of zipPieces(
    entries.map((entry) => ({ ...entry, method: 0, declaredSize: entry.size })),
  )) {
    await write(piece);
    size += piece.length;
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return size;
}

const small = (name: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, chunks: () => [bytes] };
};

/** A multipart body streamed from the file on disk, as a client would send it. */
function multipartFromFile(file: string, fileName: string) {
  const boundary = `----verbund${Date.now()}`;
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="${fileName}"\r\nContent-Type: application/zip\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(head);
    },
    async pull(controller) {
      for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 }))
        controller.enqueue(new Uint8Array(chunk as Buffer));
      controller.enqueue(tail);
      controller.close();
    },
  });
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

/** Runs `work` while the resident memory of this process is sampled every 5 ms; returns the peak growth. */
async function peakRssGrowth<T>(work: () => Promise<T>) {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMb: (peak - before) / MIB };
  } finally {
    clearInterval(sampler);
  }
}

describe('xdomea import upload', () => {
  it('imports a 60 MiB upload and its 60 MiB document without the web process holding them: RSS grows far less than their size, no temp file is left', async () => {
    const random = new Uint8Array(MIB);
    for (let i = 0; i < MIB; i += 4)
      new DataView(random.buffer).setUint32(i, (Math.random() * 2 ** 32) >>> 0);
    const file = path.join(dir, 'gross.zip');
    const size = await writeZip(file, [
      small(MESSAGE_NAME, AUSSONDERUNG_310),
      { name: PLAN, size: BIG, chunks: () => Array.from({ length: BIG / MIB }, () => random) },
      small(BESCHWERDE, BESCHWERDE_XML),
    ]);
    const hash = createHash('sha256');
    for (let i = 0; i < BIG / MIB; i++) hash.update(random);
    const planSha256 = hash.digest('hex');
    expect(size).toBeGreaterThan(BIG);
    const tempDir = path.join(t.config.blobs.kind === 'fs' ? t.config.blobs.root : '', 'tmp');
    const send = async () => {
      const { body, type } = multipartFromFile(file, 'gross.zip');
      const response = await t.app.request('/api/v1/import/xdomea', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        body,
        duplex: 'half',
      } as RequestInit);
      return { status: response.status, json: await response.json() };
    };
    // Once before measuring: the parser process and the code paths are warm.
    expect((await send()).status).toBe(201);
    const { result, growthMb } = await peakRssGrowth(send);
    console.info(`[figures] 60 MiB xdomea upload: web process RSS +${growthMb.toFixed(1)} MB at its peak`);
    expect(result.status).toBe(201);
    expect(result.json.dokumente).toBe(2);
    expect(growthMb).toBeLessThan(25);
    const { rows } = await t.superuser.query(
      `select v.sha256, v.groesse from dokument_versionen v join dokumente d on d.id = v.dokument_id
       where d.akte_id = $1 order by v.groesse desc`,
      [result.json.id],
    );
    expect(rows[0]).toMatchObject({ sha256: planSha256 });
    expect(Number(rows[0].groesse)).toBe(BIG);
    expect(readdirSync(tempDir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('removes the temp file of an upload the parser refuses', async () => {
    const tempDir = path.join(t.config.blobs.kind === 'fs' ? t.config.blobs.root : '', 'tmp');
    const file = path.join(dir, 'kaputt.zip');
    await writeZip(file, [small('nur-text.txt', 'keine Nachricht')]);
    const { body, type } = multipartFromFile(file, 'kaputt.zip');
    const refused = await t.app.request('/api/v1/import/xdomea', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(refused.status).toBe(422);
    expect(readdirSync(tempDir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('refuses an upload over the upload limit with 413 while it streams, leaving no temp file', async () => {
    const small = await createTestContext({ VERBUND_UPLOAD_LIMIT_MB: '1' });
    try {
      const smallToken = await small.tokenFor('nordhausen', ['sachbearbeitung', 'leitung']);
      const file = path.join(dir, 'zu-gross.zip');
      const random = new Uint8Array(MIB).map(() => (Math.random() * 256) | 0);
      await writeZip(file, [{ name: PLAN, size: 2 * MIB, chunks: () => [random, random] }]);
      const { body, type } = multipartFromFile(file, 'zu-gross.zip');
      const response = await small.app.request('/api/v1/import/xdomea', {
        method: 'POST',
        headers: { authorization: `Bearer ${smallToken}`, 'content-type': type },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      const tempDir = path.join(small.config.blobs.kind === 'fs' ? small.config.blobs.root : '', 'tmp');
      expect(readdirSync(tempDir).filter((name) => name.endsWith('.part'))).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
