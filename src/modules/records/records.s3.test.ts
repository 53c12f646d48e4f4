import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';

let dir: string;
let s3: S3rver;
let t: TestContext;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbund-s3-'));
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'eakte', configs: [] }],
  });
  const { port } = (await s3.run()) as unknown as { port: number };
  t = await createTestContext({
    VERBUND_BLOB_STORE: 's3',
    S3_BUCKET: 'eakte',
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_PREFIX: 'blobs/',
  });
});
afterAll(async () => {
  await t?.close();
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('E-Akte on S3 storage', () => {
  it('stores uploads in the bucket, extracts their text and serves them back', async () => {
    expect(t.services.blobs.kind).toBe('s3');
    const token = await t.tokenFor('kyffhaeuserkreis');
    const akte = await t.request('/api/v1/akten', { token, json: { titel: 'S3-Ablage' } });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'S3' },
    });
    const form = new FormData();
    form.set('datei', new Blob(['Bewohnerparkausweis für die Altstadt von Sondershausen']), 'antrag.txt');
    const uploaded = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: form });
    expect(uploaded.status).toBe(201);
    expect(await t.services.blobs.has(uploaded.json.sha256)).toBe(true);
    const worker = t.services.createWorker();
    while ((await worker.runOnce()) > 0);
    const hits = await t.request('/api/v1/suche?q=Bewohnerparkausweis', { token });
    expect(hits.json.items.map((i: { dokumentId: string }) => i.dokumentId)).toEqual([uploaded.json.id]);
    const content = await t.request(`/api/v1/dokumente/${uploaded.json.id}/inhalt`, { token });
    expect(content.text).toBe('Bewohnerparkausweis für die Altstadt von Sondershausen');
  });
});
