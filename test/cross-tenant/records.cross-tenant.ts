import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const recordsCrossTenant = defineCrossTenantCase({
  name: 'E-Akte: Aktenplan, Akten, Vorgänge, Dokumente, Versionen, Suche',
  covers: [
    '/aktenplan/{id}',
    '/akten/{id}',
    '/akten/{id}/zda',
    '/akten/{id}/wiedereroeffnen',
    '/akten/{id}/vorgaenge',
    '/vorgaenge/{id}',
    '/vorgaenge/{id}/historie',
    '/vorgaenge/{id}/dokumente',
    '/dokumente/{id}',
    '/dokumente/{id}/versionen',
    '/dokumente/{id}/verschieben',
    '/dokumente/{id}/inhalt',
    '/dokumente/{id}/text',
  ],
  async setup({ t, ownerTenant, ownerToken }) {
    const marker = `Geheimvermerk${Date.now()}`;
    const akte = await t.request('/api/v1/akten', {
      token: ownerToken,
      json: { titel: `Akte ${marker}`, aktenplan: '00.20' },
    });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: ownerToken,
      json: { betreff: `Vorgang ${marker}`, externeReferenz: `EXT-${marker}` },
    });
    const form = new FormData();
    form.set('datei', new Blob([`Inhalt ${marker} KT/999/2020`], { type: 'text/plain' }), 'vermerk.txt');
    form.set('titel', `Dokument ${marker} KT/999/2020`);
    const dokument = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
      token: ownerToken,
      body: form,
    });
    const units = await t.request('/api/v1/aktenplan', { token: ownerToken });
    if (akte.status !== 201 || vorgang.status !== 201 || dokument.status !== 201 || units.status !== 200)
      throw new Error(`setup failed for ${ownerTenant}: ${akte.text} ${vorgang.text} ${dokument.text}`);
    const unitId = units.json.items[0].id;
    const d = dokument.json.id;
    const v = vorgang.json.id;
    const a = akte.json.id;
    return {
      probes: [
        { method: 'GET', path: `/api/v1/aktenplan/${unitId}` },
        { method: 'GET', path: `/api/v1/akten/${a}` },
        { method: 'GET', path: `/api/v1/akten/${a}/vorgaenge` },
        { method: 'POST', path: `/api/v1/akten/${a}/vorgaenge`, json: { betreff: 'Eindringling' } },
        { method: 'GET', path: `/api/v1/vorgaenge/${v}` },
        { method: 'PATCH', path: `/api/v1/vorgaenge/${v}`, json: { status: 'in-bearbeitung' } },
        { method: 'GET', path: `/api/v1/vorgaenge/${v}/historie` },
        { method: 'GET', path: `/api/v1/vorgaenge/${v}/dokumente` },
        { method: 'POST', path: `/api/v1/vorgaenge/${v}/dokumente`, json: {} },
        { method: 'GET', path: `/api/v1/dokumente/${d}` },
        { method: 'PATCH', path: `/api/v1/dokumente/${d}`, json: { art: 'intern' } },
        { method: 'GET', path: `/api/v1/dokumente/${d}/versionen` },
        { method: 'POST', path: `/api/v1/dokumente/${d}/versionen`, json: {} },
        { method: 'POST', path: `/api/v1/dokumente/${d}/verschieben`, json: { vorgangId: v } },
        { method: 'GET', path: `/api/v1/dokumente/${d}/inhalt` },
        { method: 'GET', path: `/api/v1/dokumente/${d}/inhalt?version=1` },
        { method: 'GET', path: `/api/v1/dokumente/${d}/text` },
        // Last: the owner's own probe closes and reopens the Akte.
        { method: 'POST', path: `/api/v1/akten/${a}/zda` },
        { method: 'POST', path: `/api/v1/akten/${a}/wiedereroeffnen`, json: { begruendung: 'Prüfung' } },
      ],
      lists: [
        { path: '/api/v1/akten?limit=200', ids: [a] },
        { path: `/api/v1/vorgaenge?externeReferenz=EXT-${marker}`, ids: [v] },
        { path: `/api/v1/suche?q=${marker}`, ids: [d] },
        { path: '/api/v1/suche?q=KT/999/2020', ids: [d] },
        { path: `/api/v1/suche?q=${marker}&akteId=${a}`, ids: [d] },
        { path: `/api/v1/vorgaenge?aktenzeichen=${encodeURIComponent(akte.json.aktenzeichen)}`, ids: [v] },
        { path: '/api/v1/aktenplan', ids: [unitId] },
      ],
    };
  },
});
