import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClamdHandle, clamdInstalled, EICAR, startClamd } from '../../../../test/support/clamd.ts';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { bewohnerparkenDatenFremdesFahrzeug } from '../../../../test/support/ozg.ts';

const needsClamd = clamdInstalled() || process.env.CI ? describe : describe.skip;

needsClamd('uploads pass clamd before they are filed (real clamd, EICAR signature)', () => {
  let clamd: ClamdHandle;
  let t: TestContext;
  let vorgangId: string;
  let token: string;
  beforeAll(async () => {
    clamd = await startClamd({ maxBytes: 512 * 1024 });
    t = await createTestContext({
      VERBUND_CLAMD_SOCKET: clamd.socket,
      VERBUND_CLAMD_MAX_MB: '0.5',
      VERBUND_VIRENSCAN_PFLICHT: 'nordhausen',
    });
    token = await t.tokenFor('nordhausen', ['sachbearbeitung', 'kreis-admin']);
    const akte = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Virenprüfung', aktenplan: '00.40' },
    });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'Uploads' },
    });
    vorgangId = vorgang.json.id;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await clamd?.stop();
  });

  const upload = (bytes: Uint8Array, name: string) => {
    const form = new FormData();
    form.set('datei', new Blob([bytes as BlobPart]), name);
    return t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token, body: form });
  };
  const count = async () =>
    (await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token })).json.total as number;

  it('refuses an infected file with 422 and a German message, audits it and files nothing', async () => {
    const before = await count();
    const response = await upload(Buffer.concat([Buffer.from('Anlage zum Antrag\n'), EICAR]), 'anlage.txt');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.json.code).toBe('virenscan.infected');
    expect(response.json.detailDe).toMatch(/enthält Schadsoftware \(„Eicar-Test-Signature/);
    expect(await count()).toBe(before);
    const audit = await t.request('/api/v1/audit?limit=5', { token });
    expect(audit.json.items[0]).toMatchObject({
      action: 'virenscan.infected',
      data: { quelle: 'records.upload', dateiname: 'anlage.txt' },
    });
  });

  it("files a clean file, and flags a file over clamd's limits instead of passing it", async () => {
    expect((await upload(Buffer.from('Sauberer Vermerk'), 'vermerk.txt')).status).toBe(201);
    const big = await upload(Buffer.alloc(700 * 1024, 'a'), 'gross.txt');
    expect(big.status).toBe(422);
    expect(big.json.code).toBe('virenscan.too_large');
  });

  it('refuses an Antrag whose attachment is infected (API and portal share the use-case): 422, nothing filed', async () => {
    const admin = await t.tokenFor('nordhausen', ['kreis-admin', 'sachbearbeitung']);
    const before = (await t.request('/api/v1/antraege', { token: admin })).json.total;
    const form = new FormData();
    form.set('leistung', '99108001001000');
    form.set('gemeinde', '16062041');
    form.set('daten', JSON.stringify(bewohnerparkenDatenFremdesFahrzeug()));
    form.append('G05000499.F05001248', new Blob([EICAR]), 'nutzungsueberlassung.pdf');
    form.append('G05000499.F05001045', new Blob(['Fahrzeugschein']), 'fahrzeugschein.txt');
    const response = await t.request('/api/v1/antraege', { token: admin, body: form });
    expect(response.status).toBe(422);
    expect(response.json.code).toBe('virenscan.infected');
    expect((await t.request('/api/v1/antraege', { token: admin })).json.total).toBe(before);
  });

  it('makes uploads of a county that requires scanning wait (503) while clamd is away; other counties file unscanned', async () => {
    await clamd.stop();
    const waiting = await upload(Buffer.from('Vermerk während der Wartung'), 'wartung.txt');
    expect(waiting.status).toBe(503);
    expect(waiting.json.code).toBe('virenscan.unavailable');
    const health = (await t.request('/health')).json;
    expect(health.virenscan.status).toBe('unavailable');
    // Wartburgkreis does not require scanning: its upload is filed (unscanned, as configured).
    const other = await t.tokenFor('wartburgkreis', ['sachbearbeitung']);
    const akte = await t.request('/api/v1/akten', {
      token: other,
      json: { titel: 'Ohne Pflicht', aktenplan: '00.40' },
    });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: other,
      json: { betreff: 'x' },
    });
    const form = new FormData();
    form.set('datei', new Blob(['Vermerk']), 'v.txt');
    expect(
      (await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token: other, body: form }))
        .status,
    ).toBe(201);
  });
});
