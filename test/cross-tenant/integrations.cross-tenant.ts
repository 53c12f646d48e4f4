import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const integrationsCrossTenant = defineCrossTenantCase({
  name: 'Fachverfahren-Anbindung: Fachverfahren, Zustellungen, Vorgangsstatus',
  covers: [
    '/zustellungen/{id}/erneut',
    '/vorgaenge/{id}/status',
    '/akten/{id}/xdomea',
    '/vorgaenge/{id}/xdomea',
  ],
  async setup({ t, ownerTenant, ownerToken }) {
    const suffix = Date.now().toString(36);
    const connector = await t.request('/api/v1/connectoren', {
      token: ownerToken,
      json: {
        id: `ct-status-${suffix}`,
        name: 'Statusmeldungen (Querschnittstest)',
        ausloeser: 'vorgang.status',
        nutzlast: 'json',
        transport: 'verzeichnis',
      },
    });
    const activation = await t.request(`/api/v1/connectoren/ct-status-${suffix}/aktivierung`, {
      token: ownerToken,
      method: 'PUT',
      json: { ziel: `/tmp/verbund-ct-${suffix}` },
    });
    const fachverfahren = await t.request('/api/v1/fachverfahren', {
      token: ownerToken,
      json: { kennung: `fv-${suffix}`, name: 'Fachverfahren Querschnitt' },
    });
    const akte = await t.request('/api/v1/akten', {
      token: ownerToken,
      json: { titel: 'Anbindung', aktenplan: '00.30.02' },
    });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: ownerToken,
      json: { betreff: 'Statuswechsel' },
    });
    const status = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/status`, {
      token: ownerToken,
      json: { status: 'in-bearbeitung' },
    });
    const deliveries = await t.request('/api/v1/zustellungen', { token: ownerToken });
    if (
      connector.status !== 201 ||
      activation.status !== 200 ||
      fachverfahren.status !== 201 ||
      status.status !== 200
    )
      throw new Error(
        `setup failed for ${ownerTenant}: ${connector.text} ${activation.text} ${fachverfahren.text} ${status.text}`,
      );
    const delivery = deliveries.json.items.find(
      (d: { vorgangId: string }) => d.vorgangId === vorgang.json.id,
    );
    return {
      probes: [
        { method: 'POST', path: `/api/v1/zustellungen/${delivery.id}/erneut` },
        { method: 'POST', path: `/api/v1/vorgaenge/${vorgang.json.id}/status`, json: { status: 'ruhend' } },
        { method: 'GET', path: `/api/v1/akten/${akte.json.id}/xdomea` },
        { method: 'GET', path: `/api/v1/vorgaenge/${vorgang.json.id}/xdomea` },
      ],
      lists: [
        { path: '/api/v1/zustellungen?limit=200', ids: [delivery.idempotencyKey] },
        { path: '/api/v1/fachverfahren', ids: [fachverfahren.json.id] },
      ],
    };
  },
});
