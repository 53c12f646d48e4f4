import { expect } from 'vitest';
import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const gremienCrossTenant = defineCrossTenantCase({
  name: 'Gremien und Vorlagen',
  covers: ['/gremien/{id}', '/vorlagen/{id}', '/vorlagen/{id}/freigabe', '/vorlagen/{id}/veroeffentlichung'],
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
    return {
      probes: [
        { method: 'GET', path: `/api/v1/gremien/${gremium.json.id}` },
        { method: 'GET', path: `/api/v1/vorlagen/${id}` },
        { method: 'PATCH', path: `/api/v1/vorlagen/${id}`, json: { betreff: 'Übernommen' } },
        { method: 'POST', path: `/api/v1/vorlagen/${id}/freigabe` },
        { method: 'POST', path: `/api/v1/vorlagen/${id}/veroeffentlichung` },
      ],
      lists: [
        { path: '/api/v1/gremien', ids: [gremium.json.id] },
        { path: '/api/v1/vorlagen', ids: [id] },
      ],
    };
  },
});
