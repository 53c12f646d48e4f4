import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS, type TestContext } from '../../../../test/support/context.ts';
import { ozgTestContext } from '../ozg.fixture.ts';
import { gv100Record } from './gv100.ts';

let t: TestContext;
let admin: string;
beforeAll(async () => ({ t, admin } = await ozgTestContext()));
afterAll(() => t.close());

describe('Leistungskatalog', () => {
  it('lists the Verbund services: at least five, every member owns one, all active for all four', async () => {
    const list = await t.request('/api/v1/leistungen');
    expect(list.status).toBe(200);
    expect(list.json.total).toBeGreaterThanOrEqual(5);
    const owners = new Set(list.json.items.map((l: { ownerTenantId: string }) => l.ownerTenantId));
    for (const tenant of DEMO_TENANTS) expect(owners).toContain(tenant);
    for (const l of list.json.items) {
      expect(l.leika).toMatch(/^\d{14}$/);
      expect(l.reifegrad).toBeGreaterThanOrEqual(0);
      expect(l.reifegrad).toBeLessThanOrEqual(7);
      expect(l.texte.kurztext).toBeTruthy();
    }
    const parken = list.json.items.find((l: { id: string }) => l.id === 'bewohnerparkausweis');
    expect(parken).toMatchObject({
      leika: '99108001001000',
      leikaPlatzhalter: false,
      formularId: 'S05000058',
    });
    for (const tenant of DEMO_TENANTS) {
      const activations = await t.request('/api/v1/aktivierungen', { token: await t.tokenFor(tenant) });
      expect(activations.json.items.filter((a: { aktiv: boolean }) => a.aktiv)).toHaveLength(list.json.total);
    }
    const search = await t.request('/api/v1/leistungen?q=parken');
    expect(search.json.items.map((l: { id: string }) => l.id)).toEqual(['bewohnerparkausweis']);
  });

  it('routes a municipality to its county by name, postcode or AGS', async () => {
    const byName = await t.request('/api/v1/gemeinden?q=Eisenach');
    expect(byName.json.items[0]).toMatchObject({ ags: '16063105', zustaendig: { id: 'wartburgkreis' } });
    const byPlz = await t.request('/api/v1/gemeinden?q=99974');
    expect(byPlz.json.items[0]).toMatchObject({
      ags: '16064046',
      zustaendig: { id: 'unstrut-hainich-kreis' },
    });
    const byAgs = await t.request('/api/v1/gemeinden?q=16062041');
    expect(byAgs.json.items[0].zustaendig.id).toBe('nordhausen');
  });

  it('activates the standard services for a joining county, each with its Akte', async () => {
    const verbundAdmin = await t.tokenFor('nordhausen', ['verbund-admin']);
    const join = await t.request('/api/v1/verbund/mitglieder', {
      token: verbundAdmin,
      json: { id: 'eichsfeld', name: 'Landkreis Eichsfeld', kreisschluessel: '16061' },
    });
    expect(join.status).toBe(201);
    const received = JSON.stringify(join.json);
    expect(received).toContain('bewohnerparkausweis');
    const activations = await t.request('/api/v1/aktivierungen', { token: await t.tokenFor('eichsfeld') });
    const catalog = await t.request('/api/v1/leistungen');
    expect(
      activations.json.items.filter((a: { aktiv: boolean; akteId: string }) => a.aktiv && a.akteId),
    ).toHaveLength(catalog.json.total);
  });
});

describe('Gemeindeverzeichnis (Destatis GV100AD)', () => {
  it('imports Satzart 60 records (ISO-8859-1 or UTF-8) and routes the new towns to their county', async () => {
    const lines = [
      gv100Record({ satzart: '10', ags: '16000000', name: 'Thüringen' }),
      gv100Record({ satzart: '40', ags: '16064000', name: 'Unstrut-Hainich-Kreis' }),
      gv100Record({ ags: '16064057', name: 'Nottertal-Heilinger Höhen, Stadt', plz: '99994' }),
      gv100Record({ ags: '16051000', name: 'Erfurt, Stadt', plz: '99084' }),
    ];
    const latin1 = Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
    const result = await t.services.ozg.catalog.importGemeinden(latin1);
    expect(result).toEqual({ gemeinden: 2, uebersprungen: 2, thueringen: 2 });
    const found = await t.request('/api/v1/gemeinden?q=99994');
    expect(found.json.items[0]).toMatchObject({
      name: 'Nottertal-Heilinger Höhen, Stadt',
      verifiziert: true,
      zustaendig: { id: 'unstrut-hainich-kreis' },
    });
    // Erfurt (16051) is not a member of the Verbund: no responsible county, and the portal says so.
    const erfurt = await t.request('/api/v1/gemeinden?q=Erfurt');
    expect(erfurt.json.items[0].zustaendig).toBeNull();
    const form = new FormData();
    form.set('leistung', 'wohngeld');
    form.set('gemeinde', '16051000');
    form.set('daten', '{}');
    const refused = await t.request('/api/v1/antraege', { token: admin, body: form });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('gemeinde.not_member');
    await expect(t.services.ozg.catalog.importGemeinden(Buffer.from('kein verzeichnis'))).rejects.toThrow(
      /kein GV100AD-Datensatz/,
    );
  });
});
