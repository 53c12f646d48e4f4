import { expect } from 'vitest';
import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const gremienCrossTenant = defineCrossTenantCase({
  name: 'Gremien und Vorlagen',
  covers: [
    '/gremien/{id}',
    '/gremien/{id}/mitglieder',
    '/personen/{id}',
    '/gremien/{id}/sitzungen',
    '/sitzungen/{id}',
    '/sitzungen/{id}/tagesordnung',
    '/sitzungen/{id}/tagesordnung/reihenfolge',
    '/sitzungen/{id}/anwesenheit',
    '/tagesordnungspunkte/{id}/beratung',
    '/beschluesse/{id}',
    '/vorlagen/{id}',
    '/vorlagen/{id}/freigabe',
    '/vorlagen/{id}/veroeffentlichung',
    '/vorlagen/{id}/anlagen',
    '/vorlagen/{id}/anlagen/{anlageId}/inhalt',
    '/vorlagen/{id}/pdf',
    '/sitzungen/{id}/einladung.pdf',
    '/sitzungen/{id}/niederschrift.pdf',
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
    const form = new FormData();
    form.set('datei', new File(['Geheime Anlage'], 'anlage.txt', { type: 'text/plain' }));
    const anlage = await t.request(`/api/v1/vorlagen/${id}/anlagen`, { token: ownerToken, body: form });
    expect(anlage.status).toBe(201);
    const person = await t.request('/api/v1/personen', {
      token: ownerToken,
      json: { familienname: 'Geheim' },
    });
    expect(person.status).toBe(201);
    const sitzung = await t.request(`/api/v1/gremien/${gremium.json.id}/sitzungen`, {
      token: ownerToken,
      json: { beginn: '2020-06-24T17:00:00+02:00' },
    });
    expect(sitzung.status).toBe(201);
    const mitTop = await t.request(`/api/v1/sitzungen/${sitzung.json.id}/tagesordnung`, {
      token: ownerToken,
      json: { titel: 'Eröffnung' },
    });
    const topIds = mitTop.json.tagesordnung.map((top: { id: string }) => top.id);
    await t.request(`/api/v1/sitzungen/${sitzung.json.id}`, {
      method: 'PATCH',
      token: ownerToken,
      json: { status: 'eingeladen' },
    });
    const beraten = await t.request(`/api/v1/tagesordnungspunkte/${topIds[0]}/beratung`, {
      method: 'PUT',
      token: ownerToken,
      json: { ergebnis: 'beschlossen' },
    });
    expect(beraten.json.beschlussNr).toBeTruthy();
    const beschluesse = await t.request('/api/v1/beschluesse', { token: ownerToken });
    const beschlussId = beschluesse.json.items.find(
      (b: { nummer: string }) => b.nummer === beraten.json.beschlussNr,
    ).id as string;
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
        {
          method: 'POST',
          path: `/api/v1/gremien/${gremium.json.id}/sitzungen`,
          json: { beginn: '2020-07-01T17:00:00+02:00' },
        },
        { method: 'GET', path: `/api/v1/sitzungen/${sitzung.json.id}` },
        { method: 'PATCH', path: `/api/v1/sitzungen/${sitzung.json.id}`, json: { ort: 'Saal' } },
        {
          method: 'POST',
          path: `/api/v1/sitzungen/${sitzung.json.id}/tagesordnung`,
          json: { titel: 'Fremd' },
        },
        {
          method: 'PUT',
          path: `/api/v1/sitzungen/${sitzung.json.id}/tagesordnung/reihenfolge`,
          json: { ids: topIds },
        },
        { method: 'PUT', path: `/api/v1/sitzungen/${sitzung.json.id}/anwesenheit`, json: { personIds: [] } },
        {
          method: 'PUT',
          path: `/api/v1/tagesordnungspunkte/${topIds[0]}/beratung`,
          json: { ergebnis: 'beschlossen' },
        },
        { method: 'PATCH', path: `/api/v1/beschluesse/${beschlussId}`, json: { umsetzung: 'erledigt' } },
        { method: 'GET', path: `/api/v1/vorlagen/${id}` },
        { method: 'PATCH', path: `/api/v1/vorlagen/${id}`, json: { betreff: 'Übernommen' } },
        { method: 'POST', path: `/api/v1/vorlagen/${id}/freigabe` },
        { method: 'POST', path: `/api/v1/vorlagen/${id}/veroeffentlichung` },
        { method: 'GET', path: `/api/v1/vorlagen/${id}/anlagen` },
        { method: 'POST', path: `/api/v1/vorlagen/${id}/anlagen`, json: { titel: 'Fremd' } },
        { method: 'GET', path: `/api/v1/vorlagen/${id}/anlagen/${anlage.json.id}/inhalt` },
        { method: 'GET', path: `/api/v1/vorlagen/${id}/pdf` },
        { method: 'GET', path: `/api/v1/sitzungen/${sitzung.json.id}/einladung.pdf` },
        { method: 'GET', path: `/api/v1/sitzungen/${sitzung.json.id}/niederschrift.pdf` },
      ],
      lists: [
        { path: '/api/v1/gremien', ids: [gremium.json.id] },
        { path: '/api/v1/personen', ids: [person.json.id] },
        { path: '/api/v1/sitzungen', ids: [sitzung.json.id] },
        { path: '/api/v1/beschluesse', ids: [beschlussId] },
        { path: '/api/v1/vorlagen', ids: [id] },
      ],
    };
  },
});
