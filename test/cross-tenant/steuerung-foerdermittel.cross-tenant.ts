import { expect } from 'vitest';
import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const steuerungFoerdermittelCrossTenant = defineCrossTenantCase({
  name: 'Steuerung: Fördermittel (Bewilligung, Ausgaben, Verwendungsnachweis)',
  covers: [
    '/steuerung/foerdermittel/{id}',
    '/steuerung/foerdermittel/{id}/sachbericht',
    '/steuerung/foerdermittel/{id}/ausgaben',
    '/steuerung/foerdermittel/{id}/ausgaben/{ausgabeId}',
    '/steuerung/foerdermittel/{id}/verwendungsnachweis',
  ],
  async setup({ t, ownerToken }) {
    const bewilligung = await t.request('/api/v1/steuerung/foerdermittel', {
      token: ownerToken,
      json: {
        zuwendungsgeber: 'Freistaat Thüringen',
        programm: 'Thüringer Förderrichtlinie für E-Government und IT',
        aktenzeichen: `GEHEIM-${Date.now()}`,
        zweck: 'Geheimes Vorhaben',
        foerdersatz: 80,
        zuwendungsfaehig: 5000,
        von: '2020-01-01',
        bis: '2020-12-31',
      },
    });
    expect(bewilligung.status).toBe(201);
    const id = bewilligung.json.id as string;
    const ausgabe = await t.request(`/api/v1/steuerung/foerdermittel/${id}/ausgaben`, {
      token: ownerToken,
      json: { datum: '2020-05-01', betrag: 100, kategorie: 'sachkosten', text: 'Geheime Lizenz' },
    });
    expect(ausgabe.status).toBe(201);
    const ausgabeId = ausgabe.json.ausgaben[0].id as string;
    return {
      probes: [
        { method: 'GET', path: `/api/v1/steuerung/foerdermittel/${id}` },
        {
          method: 'PUT',
          path: `/api/v1/steuerung/foerdermittel/${id}/sachbericht`,
          json: { sachbericht: 'x' },
        },
        {
          method: 'POST',
          path: `/api/v1/steuerung/foerdermittel/${id}/ausgaben`,
          json: { datum: '2020-05-02', betrag: 1, kategorie: 'sonstiges', text: 'Eindringling' },
        },
        { method: 'DELETE', path: `/api/v1/steuerung/foerdermittel/${id}/ausgaben/${ausgabeId}` },
        { method: 'GET', path: `/api/v1/steuerung/foerdermittel/${id}/verwendungsnachweis?format=pdf` },
        { method: 'GET', path: `/api/v1/steuerung/foerdermittel/${id}/verwendungsnachweis?format=xlsx` },
      ],
      lists: [{ path: '/api/v1/steuerung/foerdermittel', ids: [id] }],
    };
  },
});
