import { expect } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';

/**
 * The E-Akte tests' shared start: a fresh database with the demo counties and a Nordhausen token
 * with kreis-admin, sachbearbeitung and leitung.
 */
export async function openRecordsContext() {
  const t = await createTestContext();
  const admin = await t.tokenFor('nordhausen', ['kreis-admin', 'sachbearbeitung', 'leitung']);
  return { t, admin };
}

/** Helpers that create Akten, Vorgänge and documents through the API of the context `t()`. */
export function recordsHelpers(t: () => TestContext) {
  async function upload(
    token: string,
    vorgangId: string,
    bytes: Uint8Array | string,
    name: string,
    fields: Record<string, string> = {},
  ) {
    const form = new FormData();
    form.set('datei', new Blob([bytes as BlobPart]), name);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return t().request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token, body: form });
  }

  async function newVorgang(token: string, titel = 'Testakte', aktenplan = '00.40') {
    const akte = await t().request('/api/v1/akten', { token, json: { titel, aktenplan } });
    expect(akte.status).toBe(201);
    const vorgang = await t().request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: `Vorgang zu ${titel}` },
    });
    expect(vorgang.status).toBe(201);
    return {
      akteId: akte.json.id as string,
      vorgangId: vorgang.json.id as string,
      aktenzeichen: akte.json.aktenzeichen as string,
    };
  }

  return { upload, newVorgang };
}
