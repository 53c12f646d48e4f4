import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/context.ts';
import { openRecordsContext, recordsHelpers } from '../records.fixture.ts';

let t: TestContext;
let admin: string;
const year = new Date().getFullYear();
const { upload, newVorgang } = recordsHelpers(() => t);

beforeAll(async () => ({ t, admin } = await openRecordsContext()));
afterAll(() => t.close());

describe('Akten and Vorgänge', () => {
  it('generates Aktenzeichen from Kennzeichen, running number and year; default unit; per-county pattern', async () => {
    const first = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'Breitband A', aktenplan: '08.20' },
    });
    const second = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'Breitband B', aktenplan: '08.20' },
    });
    expect(first.status).toBe(201);
    expect(first.json.aktenzeichen).toBe(`08.20-0001/${year}`);
    expect(second.json.aktenzeichen).toBe(`08.20-0002/${year}`);
    const byDefault = await t.request('/api/v1/akten', { token: admin, json: { titel: 'Ohne Einheit' } });
    expect(byDefault.json.aktenzeichen).toMatch(new RegExp(`^00\\.40-\\d{4}/${year}$`));

    const wbk = await t.tokenFor('wartburgkreis', ['kreis-admin', 'sachbearbeitung']);
    const bad = await t.request('/api/v1/akten-einstellungen', {
      method: 'PUT',
      token: wbk,
      json: { aktenzeichenMuster: '{jahr}' },
    });
    expect(bad.status).toBe(400);
    const set = await t.request('/api/v1/akten-einstellungen', {
      method: 'PUT',
      token: wbk,
      json: { aktenzeichenMuster: 'WAK {kreis}/{kennzeichen}/{jahr2}-{nr:3}' },
    });
    expect(set.status).toBe(200);
    const wak = await t.request('/api/v1/akten', {
      token: wbk,
      json: { titel: 'Muster', aktenplan: '05.10' },
    });
    expect(wak.json.aktenzeichen).toBe(`WAK 16063/05.10/${String(year).slice(2)}-001`);
    // Nordhausen's pattern is untouched.
    const nd = await t.request('/api/v1/akten', { token: admin, json: { titel: 'NDH', aktenplan: '05.10' } });
    expect(nd.json.aktenzeichen).toBe(`05.10-0001/${year}`);
    const unknown = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'X', aktenplan: '99.99' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.detailDe).toContain('99.99');
  });

  it('finds Vorgänge by Aktenzeichen and external reference; lists page with items and total', async () => {
    const { akteId, aktenzeichen } = await newVorgang(admin, 'Seitenweise');
    for (let i = 0; i < 3; i++)
      await t.request(`/api/v1/akten/${akteId}/vorgaenge`, {
        token: admin,
        json: { betreff: `Nr ${i}`, externeReferenz: `FV-${i}` },
      });
    const page = await t.request(`/api/v1/akten/${akteId}/vorgaenge?limit=2&offset=0`, { token: admin });
    expect(page.json.total).toBe(4);
    expect(page.json.items).toHaveLength(2);
    const byAz = await t.request(`/api/v1/vorgaenge?aktenzeichen=${encodeURIComponent(aktenzeichen)}`, {
      token: admin,
    });
    expect(byAz.json.total).toBe(4);
    const byRef = await t.request('/api/v1/vorgaenge?externeReferenz=FV-2', { token: admin });
    expect(byRef.json.items.map((v: { betreff: string }) => v.betreff)).toEqual(['Nr 2']);
    const invalid = await t.request(`/api/v1/akten/${akteId}/vorgaenge`, {
      token: admin,
      json: { betreff: 'x', frist: '31.12.2026' },
    });
    expect(invalid.status).toBe(400);
  });

  it('z.d.A. freezes an Akte; only Leitung reopens; both are audited', async () => {
    const { akteId, vorgangId } = await newVorgang(admin, 'Abschluss');
    const closed = await t.request(`/api/v1/akten/${akteId}/zda`, { method: 'POST', token: admin });
    expect(closed.json.status).toBe('zda');
    expect(
      (await t.request(`/api/v1/akten/${akteId}/vorgaenge`, { token: admin, json: { betreff: 'spät' } }))
        .status,
    ).toBe(409);
    const late = await upload(admin, vorgangId, 'zu spät', 'spaet.txt');
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('akte.closed');
    // Even the database refuses (trigger), whatever the application does.
    await expect(
      t.superuser.query(`update vorgaenge set betreff = 'x' where id = $1`, [vorgangId]),
    ).rejects.toThrow(/closed/);
    const clerk = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const denied = await t.request(`/api/v1/akten/${akteId}/wiedereroeffnen`, {
      token: clerk,
      json: { begruendung: 'bitte' },
    });
    expect(denied.status).toBe(403);
    const reopened = await t.request(`/api/v1/akten/${akteId}/wiedereroeffnen`, {
      token: admin,
      json: { begruendung: 'Nachtrag' },
    });
    expect(reopened.json.status).toBe('offen');
    const audit = await t.superuser.query(
      `select action, data from audit_events where tenant_id = 'nordhausen' and object_id = $1 order by seq`,
      [akteId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'records.akte_created',
      'records.akte_closed',
      'records.akte_reopened',
    ]);
    expect(audit.rows[2].data.begruendung).toBe('Nachtrag');
  });
});
