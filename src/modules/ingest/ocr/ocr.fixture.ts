import { createTestContext } from '../../../../test/support/context.ts';

/** A test product with OCR (two threads) and a Vorgang of Nordhausen to upload scans into. */
export async function createScanInbox() {
  const t = await createTestContext({ VERBUND_OCR_THREADS: '2' });
  const token = await t.tokenFor('nordhausen', ['sachbearbeitung', 'leitung']);
  const akte = await t.request('/api/v1/akten', {
    token,
    json: { titel: 'Posteingang Scans', aktenplan: '00.40' },
  });
  const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token,
    json: { betreff: 'Papierpost' },
  });
  return { t, token, vorgangId: vorgang.json.id as string };
}
