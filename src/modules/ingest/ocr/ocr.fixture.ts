import { createTestContext } from '../../../../test/support/context.ts';
import { recordsHelpers } from '../../records/records.fixture.ts';

/** A test product with OCR (two threads) and a Vorgang of Nordhausen to upload scans into. */
export async function createScanInbox() {
  const t = await createTestContext({ VERBUND_OCR_THREADS: '2' });
  const token = await t.tokenFor('nordhausen', ['sachbearbeitung', 'leitung']);
  const { vorgangId } = await recordsHelpers(() => t).newVorgang(token, 'Posteingang Scans', '00.40');
  return { t, token, vorgangId };
}
