import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const servicesCrossTenant = defineCrossTenantCase({
  name: 'OZG: Anträge, FIT-Connect-Metadaten, Statuswechsel, Aktivierungen',
  covers: ['/antraege/{id}', '/antraege/{id}/metadaten', '/antraege/{id}/status'],
  async setup({ t, ownerTenant, ownerToken }) {
    // Eisenach (16063105) belongs to the Wartburgkreis, the owner county of this suite.
    const form = new FormData();
    form.set('leistung', 'waffenbesitzkarte');
    form.set('gemeinde', '16063105');
    form.set(
      'daten',
      JSON.stringify({
        'V-G-PERSON': {
          'V-F-FAMILIENNAME': 'Geheim',
          'V-F-VORNAME': 'Gerda',
          'V-F-GEBURTSDATUM': '1970-01-01',
          'V-F-STRASSE': 'Markt 1',
          'V-F-PLZ': '99817',
          'V-F-ORT': 'Eisenach',
          'V-F-EMAIL': 'gerda@example.org',
        },
        'V-F-BEDUERFNIS': '01',
      }),
    );
    form.set('V-F-SACHKUNDE', new Blob(['Sachkundenachweis'], { type: 'text/plain' }), 'sachkunde.txt');
    const antrag = await t.request('/api/v1/antraege', { token: ownerToken, body: form });
    if (antrag.status !== 201 || antrag.json.zustaendig.id !== ownerTenant)
      throw new Error(`setup failed: ${antrag.status} ${antrag.text}`);
    const id = antrag.json.id;
    return {
      probes: [
        { method: 'GET', path: `/api/v1/antraege/${id}` },
        { method: 'GET', path: `/api/v1/antraege/${id}/metadaten` },
        { method: 'POST', path: `/api/v1/antraege/${id}/status`, json: { status: 'in-bearbeitung' } },
      ],
      lists: [
        { path: '/api/v1/antraege?limit=200', ids: [id] },
        { path: `/api/v1/vorgaenge?externeReferenz=${antrag.json.nummer}`, ids: [antrag.json.vorgangId] },
      ],
    };
  },
});
