import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/context.ts';
import { createTestContext } from '../../../../test/support/context.ts';
import { openRecordsContext, recordsHelpers } from '../records.fixture.ts';
import { renderTextPdf } from './text-pdf.ts';

let t: TestContext;
let admin: string;
const { upload, newVorgang } = recordsHelpers(() => t);

beforeAll(async () => ({ t, admin } = await openRecordsContext()));
afterAll(() => t.close());

describe('Dokumente, versions and blobs', () => {
  it('stores uploads content-addressed, detects the type from content, serves any version with a safe name', async () => {
    const { vorgangId } = await newVorgang(admin, 'Versionen');
    const pdf = await renderTextPdf('Bescheid', 'Gebührenbescheid für die Straßenreinigung in Mühlhausen.');
    const created = await upload(admin, vorgangId, pdf, '../../etc/Bescheid "final".txt', {
      titel: 'Gebührenbescheid',
    });
    expect(created.status).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(created.json.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(created.json.mime).toBe('application/pdf');
    expect(created.json.dateiname).not.toContain('/');
    expect(created.json.dateiname).not.toContain('..');

    const v1 = await t.request(`/api/v1/dokumente/${created.json.id}/inhalt`, { token: admin });
    expect(v1.status).toBe(200);
    expect(v1.headers.get('content-type')).toBe('application/pdf');
    expect(v1.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[^"/\\]+"; filename\*=UTF-8''/,
    );
    expect(v1.headers.get('x-content-type-options')).toBe('nosniff');

    const form = new FormData();
    form.set('datei', new Blob(['Zweite Fassung: Änderungsbescheid']), 'bescheid-v2.txt');
    form.set('kommentar', 'korrigiert');
    const v2 = await t.request(`/api/v1/dokumente/${created.json.id}/versionen`, {
      token: admin,
      body: form,
    });
    expect(v2.status).toBe(201);
    expect(v2.json.version).toBe(2);
    const current = await t.request(`/api/v1/dokumente/${created.json.id}/inhalt`, { token: admin });
    expect(current.text).toBe('Zweite Fassung: Änderungsbescheid');
    expect(current.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const old = await t.request(`/api/v1/dokumente/${created.json.id}/inhalt?version=1`, { token: admin });
    expect(old.headers.get('content-type')).toBe('application/pdf');
    expect(
      (await t.request(`/api/v1/dokumente/${created.json.id}/inhalt?version=9`, { token: admin })).status,
    ).toBe(404);
    const versions = await t.request(`/api/v1/dokumente/${created.json.id}/versionen`, { token: admin });
    expect(versions.json.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    // Versions are immutable in the database, even for a direct UPDATE by the owner role.
    await expect(
      t.superuser.query(`update dokument_versionen set sha256 = repeat('0', 64) where dokument_id = $1`, [
        created.json.id,
      ]),
    ).rejects.toThrow(/immutable/);
  });

  it('refuses uploads over the limit while streaming, without storing anything', async () => {
    const small = await createTestContext({ VERBUND_UPLOAD_LIMIT_MB: '1' });
    try {
      const token = await small.tokenFor('nordhausen');
      const akte = await small.request('/api/v1/akten', { token, json: { titel: 'Limit' } });
      const vorgang = await small.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
        token,
        json: { betreff: 'Limit' },
      });
      const form = new FormData();
      form.set('datei', new Blob([new Uint8Array(1024 * 1024 + 1)]), 'gross.bin');
      const refused = await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
        token,
        body: form,
      });
      expect(refused.status).toBe(413);
      expect(refused.json).toMatchObject({
        code: 'upload.too_large',
        detailDe: expect.stringContaining('höchstens 1 MiB'),
      });
      // Far beyond the limit, the request body itself is cut off.
      const huge = new FormData();
      huge.set('datei', new Blob([new Uint8Array(8 * 1024 * 1024)]), 'riesig.bin');
      const cut = await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
        token,
        body: huge,
      });
      expect(cut.status).toBe(413);
      const exact = new FormData();
      exact.set('datei', new Blob([new Uint8Array(1024 * 1024)]), 'genau.bin');
      expect(
        (await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: exact }))
          .status,
      ).toBe(201);
      const list = await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token });
      expect(list.json.items.map((d: { dateiname: string }) => d.dateiname)).toEqual(['genau.bin']);
      const { readdir } = await import('node:fs/promises');
      expect(await readdir(`${small.config.dataDir}/blobs/tmp`)).toEqual([]);
      const noFile = await small.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
        token,
        body: new FormData(),
      });
      expect(noFile.status).toBe(400);
    } finally {
      await small.close();
    }
  });
});
