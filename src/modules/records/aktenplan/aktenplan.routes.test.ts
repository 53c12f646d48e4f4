import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/context.ts';
import { openRecordsContext } from '../records.fixture.ts';

let t: TestContext;
let admin: string;

beforeAll(async () => ({ t, admin } = await openRecordsContext()));
afterAll(() => t.close());

describe('Aktenplan', () => {
  it('every member adopted the Verbund template on onboarding; the template names its owning county', async () => {
    for (const tenant of ['nordhausen', 'wartburgkreis']) {
      const plan = await t.request('/api/v1/aktenplan', { token: await t.tokenFor(tenant, ['lesen']) });
      expect(plan.status).toBe(200);
      expect(plan.json.total).toBeGreaterThan(30);
      const unit = plan.json.items.find((u: { kennzeichen: string }) => u.kennzeichen === '00.20');
      expect(unit).toMatchObject({
        titel: expect.stringContaining('Zweckvereinbarung'),
        aussonderung: 'A',
        ausVorlage: true,
      });
      const child = plan.json.items.find((u: { kennzeichen: string }) => u.kennzeichen === '03.10.01');
      const parent = plan.json.items.find((u: { kennzeichen: string }) => u.kennzeichen === '03.10');
      expect(child.parentId).toBe(parent.id);
    }
    const templates = await t.request('/api/v1/aktenplan/vorlagen', { token: admin });
    expect(templates.json.items[0]).toMatchObject({ ownerTenantId: 'unstrut-hainich-kreis' });
  });

  it('a county extends its plan; only kreis-admin may; a missing parent is refused', async () => {
    const ok = await t.request('/api/v1/aktenplan', {
      token: admin,
      json: { kennzeichen: '00.30.09', titel: 'Breitbandausbau', aufbewahrungJahre: 10, aussonderung: 'B' },
    });
    expect(ok.status).toBe(201);
    expect(ok.json.ausVorlage).toBe(false);
    const orphan = await t.request('/api/v1/aktenplan', {
      token: admin,
      json: { kennzeichen: '42.01', titel: 'Ohne Eltern', aussonderung: 'V' },
    });
    expect(orphan.status).toBe(400);
    expect(orphan.json.code).toBe('aktenplan.parent_missing');
    const clerk = await t.request('/api/v1/aktenplan', {
      token: await t.tokenFor('nordhausen', ['sachbearbeitung']),
      json: { kennzeichen: '00.30.08', titel: 'X', aussonderung: 'V' },
    });
    expect(clerk.status).toBe(403);
    // Other counties do not get Nordhausen's own unit.
    const other = await t.request('/api/v1/aktenplan', {
      token: await t.tokenFor('kyffhaeuserkreis', ['lesen']),
    });
    expect(other.json.items.map((u: { kennzeichen: string }) => u.kennzeichen)).not.toContain('00.30.09');
  });

  it('exports CSV and imports it all-or-nothing with line numbers; formulas are neutralised', async () => {
    const exported = await t.request('/api/v1/aktenplan/export', { token: admin });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.text.split('\r\n')[0]).toBe(
      'kennzeichen;titel;aufbewahrung_jahre;aussonderung;vertraulichkeit',
    );
    const raw = await t.app.request('/api/v1/aktenplan/export', {
      headers: { authorization: `Bearer ${admin}` },
    });
    // A UTF-8 byte order mark, so spreadsheet programs read the umlauts right.
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(exported.text).toContain(
      '00.20;Interkommunale Zusammenarbeit, Zweckvereinbarungen;dauernd;A;offen',
    );

    const bad =
      'kennzeichen;titel;aufbewahrung_jahre;aussonderung\n09.10;ÖPNV-Konzept;10;B\n09.11;Fehler;abc;B\n9x;Kaputt;1;Q\n';
    const refused = await t.request('/api/v1/aktenplan/import', {
      token: admin,
      body: bad,
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.errors.map((e: { zeile: number }) => e.zeile)).toEqual([3, 4]);
    const after = await t.request('/api/v1/aktenplan', { token: admin });
    expect(after.json.items.map((u: { kennzeichen: string }) => u.kennzeichen)).not.toContain('09.10');

    const form = new FormData();
    form.set(
      'datei',
      new Blob([
        'kennzeichen;titel;aufbewahrung_jahre;aussonderung\n09.10;=HYPERLINK("x");10;B\n09.10.01;Radwege;dauernd;A\n',
      ]),
      'plan.csv',
    );
    const imported = await t.request('/api/v1/aktenplan/import', { token: admin, body: form });
    expect(imported.status).toBe(200);
    expect(imported.json).toEqual({ added: 2, updated: 0 });
    const again = await t.request('/api/v1/aktenplan/export', { token: admin });
    expect(again.text).toContain(`09.10;"'=HYPERLINK(""x"")";10;B;offen`);
    expect(again.text).toContain('09.10.01;Radwege;dauernd;A;offen');
  });
});
