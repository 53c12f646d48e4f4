import { expect } from 'vitest';
import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const gremienCrossTenant = defineCrossTenantCase({
  name: 'Gremien und Vorlagen',
  covers: [
    '/gremien/{id}',
    '/gremien/{id}/mitglieder',
    '/personen/{id}',
    '/vorlagen/{id}',
    '/vorlagen/{id}/freigabe',
    '/vorlagen/{id}/veroeffentlichung',
  ],
  async setup({ t, ownerToken }) {
    const kuerzel = `X${String(Date.now()).slice(-6)}`;
    const gremium = await t.request('/api/v1/gremien', {
      token: ownerToken,
      json: { name: `Ausschuss ${kuerzel}`, kuerzel, art: 'ausschuss' },
    });
    expect(gremium.status).toBe(201);
    const vorlage = await t.request('/api/v1/vorlagen', {
      token: ownerToken,
      json: { betreff: 'Geheime Beratung', beratungsfolge: [{ gremiumId: gremium.json.id }] },
    });
    expect(vorlage.status).toBe(201);
    const id = vorlage.json.id as string;
    const person = await t.request('/api/v1/personen', {
      token: ownerToken,
      json: { familienname: 'Geheim' },
    });
    expect(person.status).toBe(201);
    return {
      probes: [
        { method: 'GET', path: `/api/v1/gremien/${gremium.json.id}` },
        { method: 'GET', path: `/api/v1/gremien/${gremium.json.id}/mitglieder` },
        {
          method: 'POST',
          path: `/api/v1/gremien/${gremium.json.id}/mitglieder`,
          json: { personId: person.json.id, von: '2020-01-01' },
        },
        { method: 'GET', path: `/api/v1/personen/${person.json.id}` },
        { method: 'GET', path: `/api/v1/vorlagen/${id}` },
        { method: 'PATCH', path: `/api/v1/vorlagen/${id}`, json: { betreff: 'Übernommen' } },
        { method: 'POST', path: `/api/v1/vorlagen/${id}/freigabe` },
        { method: 'POST', path: `/api/v1/vorlagen/${id}/veroeffentlichung` },
      ],
      lists: [
        { path: '/api/v1/gremien', ids: [gremium.json.id] },
        { path: '/api/v1/personen', ids: [person.json.id] },
        { path: '/api/v1/vorlagen', ids: [id] },
      ],
    };
  },
});
