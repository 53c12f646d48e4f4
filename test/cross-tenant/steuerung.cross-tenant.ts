import { expect } from 'vitest';
import { defineCrossTenantCase } from '../support/cross-tenant.ts';
import { bewohnerparkenDaten } from '../support/ozg.ts';

// A county's own figure (its processing-time band) exists for it and answers 404 to another
// county: the database returns no other county's rows unless the caller is the Serviceteam.
export const steuerungCrossTenant = defineCrossTenantCase({
  name: 'Steuerung: Kennzahlen eines Landkreises (Tabelle und CSV/XLSX)',
  covers: ['/steuerung/kennzahlen/{key}', '/steuerung/kennzahlen/{key}/export'],
  async setup({ t, ownerTenant, ownerToken }) {
    const form = new FormData();
    form.set('leistung', '99108001001000');
    form.set('gemeinde', '16063105');
    form.set('daten', JSON.stringify(bewohnerparkenDaten()));
    const antrag = await t.request('/api/v1/antraege', { token: ownerToken, body: form });
    expect(antrag.status).toBe(201);
    await t.superuser.query(
      `insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_by) values ($1, $2, 'bescheid', 'Bescheid', 'test')`,
      [ownerTenant, antrag.json.id],
    );
    const key = `bearbeitungszeit-${ownerTenant}`;
    return {
      probes: [
        { method: 'GET', path: `/api/v1/steuerung/kennzahlen/${key}` },
        { method: 'GET', path: `/api/v1/steuerung/kennzahlen/${key}/export?format=csv` },
        { method: 'GET', path: `/api/v1/steuerung/kennzahlen/${key}/export?format=xlsx` },
      ],
      lists: [{ path: '/api/v1/steuerung', ids: [key] }],
    };
  },
});
