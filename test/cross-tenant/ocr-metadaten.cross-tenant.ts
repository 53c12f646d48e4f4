import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const ocrMetadatenCrossTenant = defineCrossTenantCase({
  name: 'Posteingang: OCR-Stand, PDF/A-Fassung und Metadaten-Vorschläge eines Dokuments',
  covers: ['/dokumente/{id}/ocr', '/dokumente/{id}/ocr/pdf', '/dokumente/{id}/metadaten-vorschlaege'],
  async setup({ t, ownerTenant, ownerToken }) {
    const akte = await t.request('/api/v1/akten', {
      token: ownerToken,
      json: { titel: 'Post', aktenplan: '00.20' },
    });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: ownerToken,
      json: { betreff: 'Eingang' },
    });
    const form = new FormData();
    form.set('datei', new Blob(['Mühlhausen, den 24. Juni 2020\nDrucksache KT/103/2020']), 'brief.txt');
    const dokument = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
      token: ownerToken,
      body: form,
    });
    if (dokument.status !== 201) throw new Error(`setup failed for ${ownerTenant}: ${dokument.text}`);
    const d = dokument.json.id;
    // A recorded OCR result with a rendition (the stored file itself stands in for the PDF/A here:
    // what is probed is who may read it, not the OCR, which ocr.test.ts covers).
    await t.superuser.query(
      `insert into ocr_ergebnisse (tenant_id, dokument_id, version, status, original_sha256, rendition_sha256, rendition_groesse)
       values ($1, $2, 1, 'done', $3, $3, $4)`,
      [ownerTenant, d, dokument.json.sha256, dokument.json.groesse ?? 1],
    );
    return {
      probes: [
        { method: 'GET', path: `/api/v1/dokumente/${d}/ocr` },
        { method: 'GET', path: `/api/v1/dokumente/${d}/ocr/pdf` },
        { method: 'GET', path: `/api/v1/dokumente/${d}/metadaten-vorschlaege` },
        {
          method: 'POST',
          path: `/api/v1/dokumente/${d}/metadaten-vorschlaege`,
          json: { datum: '2020-06-24' },
        },
      ],
    };
  },
});
