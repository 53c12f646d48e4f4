import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const posteingangCrossTenant = defineCrossTenantCase({
  name: 'Posteingang: Massenimporte',
  covers: ['/importe/{id}'],
  async setup({ t, ownerTenant, ownerToken }) {
    const name = `geheim-${Date.now()}`;
    const dir = path.join(t.config.intake.importRoot, ownerTenant, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'vermerk.txt'), 'Vermerk, nur für den eigenen Landkreis');
    const started = await t.request('/api/v1/importe', { token: ownerToken, json: { verzeichnis: name } });
    expect(started.status).toBe(202);
    return {
      probes: [{ method: 'GET', path: `/api/v1/importe/${started.json.id}` }],
      lists: [{ path: '/api/v1/importe', ids: [started.json.id] }],
    };
  },
});

export const eingangsordnerCrossTenant = defineCrossTenantCase({
  name: 'Posteingang: Eingangsordner',
  covers: ['/eingangsordner/{id}'],
  async setup({ t, ownerToken }) {
    const created = await t.request('/api/v1/eingangsordner', {
      token: ownerToken,
      json: { name: 'Geheime Poststelle', pfad: `geheim-${Date.now()}` },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    return {
      probes: [
        { method: 'GET', path: `/api/v1/eingangsordner/${id}` },
        { method: 'PATCH', path: `/api/v1/eingangsordner/${id}`, json: { aktiv: false } },
      ],
      lists: [{ path: '/api/v1/eingangsordner', ids: [id] }],
    };
  },
});

export const imapPostfachCrossTenant = defineCrossTenantCase({
  name: 'Posteingang: IMAP-Postfach eines E-Mail-Eingangs',
  covers: ['/mail-eingaenge/{id}/imap'],
  async setup({ t, ownerToken }) {
    const created = await t.request('/api/v1/mail-eingaenge', {
      token: ownerToken,
      json: { adresse: `imap-${Date.now()}@wak.verbund.test`, name: 'Geheimes Postfach' },
    });
    expect(created.status).toBe(201);
    const url = `/api/v1/mail-eingaenge/${created.json.id}/imap`;
    const json = { host: '127.0.0.1', port: 993, benutzer: 'geheim', passwort: 'geheim' };
    expect((await t.request(url, { token: ownerToken, method: 'PUT', json })).status).toBe(200);
    return {
      probes: [
        { method: 'GET', path: url },
        { method: 'PUT', path: url, json },
      ],
    };
  },
});

export const mailEingangCrossTenant = defineCrossTenantCase({
  name: 'Posteingang: E-Mail-Eingänge',
  covers: ['/mail-eingaenge/{id}'],
  async setup({ t, ownerToken }) {
    const created = await t.request('/api/v1/mail-eingaenge', {
      token: ownerToken,
      json: { adresse: `geheim-${Date.now()}@wak.verbund.test`, name: 'Geheim' },
    });
    expect(created.status).toBe(201);
    return {
      probes: [{ method: 'GET', path: `/api/v1/mail-eingaenge/${created.json.id}` }],
      lists: [{ path: '/api/v1/mail-eingaenge', ids: [created.json.id] }],
    };
  },
});
