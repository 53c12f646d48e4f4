import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/context.ts';
import { openRecordsContext, recordsHelpers } from '../records.fixture.ts';

let t: TestContext;
let admin: string;
const { upload, newVorgang } = recordsHelpers(() => t);

beforeAll(async () => ({ t, admin } = await openRecordsContext()));
afterAll(() => t.close());

const move = (token: string, dokumentId: string, vorgangId: unknown) =>
  t.request(`/api/v1/dokumente/${dokumentId}/verschieben`, { token, json: { vorgangId } });
const placeOf = async (id: string) =>
  (
    await t.superuser.query(
      'select tenant_id, vorgang_id, akte_id, unit_id::text from dokumente where id = $1',
      [id],
    )
  ).rows[0];

describe('moving a document into another Vorgang', () => {
  it('moves a document into a Vorgang of another Akte: Vorgang, Akte and Aktenplan unit follow, the move is in the hash chain and the filing learner notices it', async () => {
    const from = await newVorgang(admin, 'Wohngeld Müller', '04.10');
    const to = await newVorgang(admin, 'Baugenehmigung Müller', '07.10');
    const created = await upload(
      admin,
      from.vorgangId,
      'Antrag auf Baugenehmigung, Flurstück 12/345',
      'a.txt',
      {
        titel: 'Bauantrag Müller',
      },
    );
    expect(created.status).toBe(201);
    const res = await move(admin, created.json.id, to.vorgangId);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: created.json.id, vorgangId: to.vorgangId, akteId: to.akteId });
    const unit = await t.superuser.query('select unit_id::text from akten where id = $1', [to.akteId]);
    expect(await placeOf(created.json.id)).toMatchObject({
      vorgang_id: to.vorgangId,
      akte_id: to.akteId,
      unit_id: unit.rows[0].unit_id,
    });
    const events = await t.superuser.query(
      `select action, data from audit_events where tenant_id = 'nordhausen' and object_id = $1 order by seq`,
      [created.json.id],
    );
    expect(events.rows.at(-1)).toMatchObject({
      action: 'records.dokument_verschoben',
      data: {
        von: { vorgangId: from.vorgangId, akteId: from.akteId, aktenzeichen: from.aktenzeichen },
        nach: { vorgangId: to.vorgangId, akteId: to.akteId, aktenzeichen: to.aktenzeichen },
      },
    });
    const chain = await t.request('/api/v1/audit/pruefung', { token: admin });
    expect(chain.json.ok).toBe(true);
    const noted = await t.superuser.query(
      'select count(*)::int as n from ablage_aenderungen where dokument_id = $1',
      [created.json.id],
    );
    expect(noted.rows[0].n).toBeGreaterThan(0);
    // The search index follows: the document is found under the new Akte's Aktenzeichen.
    const hits = await t.request(`/api/v1/suche?q=Bauantrag&akteId=${to.akteId}`, { token: admin });
    expect(hits.json.items).toEqual([
      expect.objectContaining({ dokumentId: created.json.id, aktenzeichen: to.aktenzeichen }),
    ]);
    // Moving it where it is changes nothing and writes no event.
    expect((await move(admin, created.json.id, to.vorgangId)).status).toBe(200);
    const again = await t.superuser.query(
      `select count(*)::int as n from audit_events where object_id = $1 and action = 'records.dokument_verschoben'`,
      [created.json.id],
    );
    expect(again.rows[0].n).toBe(1);
  });

  it('a county cannot move a document into another county’s Vorgang, nor move another county’s document (404)', async () => {
    const own = await newVorgang(admin, 'Eigene Akte');
    const doc = await upload(admin, own.vorgangId, 'Schreiben', 'b.txt', { titel: 'Schreiben' });
    const wartburg = await t.tokenFor('wartburgkreis', ['kreis-admin', 'sachbearbeitung']);
    const foreign = await newVorgang(wartburg, 'Fremde Akte');
    const into = await move(admin, doc.json.id, foreign.vorgangId);
    expect(into.status).toBe(404);
    expect(into.headers.get('content-type')).toContain('application/problem+json');
    expect(into.json.detailDe).toBe('Der Vorgang wurde nicht gefunden.');
    const theirs = await move(wartburg, doc.json.id, foreign.vorgangId);
    expect(theirs.status).toBe(404);
    expect(await placeOf(doc.json.id)).toMatchObject({ tenant_id: 'nordhausen', vorgang_id: own.vorgangId });
  });

  it('refuses a move into or out of an Akte closed (z.d.A.) with 409, a reader with 403 and a bad target with 400', async () => {
    const open = await newVorgang(admin, 'Offene Akte');
    const closed = await newVorgang(admin, 'Geschlossene Akte');
    const doc = await upload(admin, open.vorgangId, 'Vermerk', 'c.txt', { titel: 'Vermerk' });
    const inClosed = await upload(admin, closed.vorgangId, 'Alt', 'd.txt', { titel: 'Alt' });
    expect(
      (await t.request(`/api/v1/akten/${closed.akteId}/zda`, { token: admin, method: 'POST' })).status,
    ).toBe(200);
    const into = await move(admin, doc.json.id, closed.vorgangId);
    expect(into.status).toBe(409);
    expect(into.json.detailDe).toContain('z.d.A.');
    const outOf = await move(admin, inClosed.json.id, open.vorgangId);
    expect(outOf.status).toBe(409);
    expect(outOf.json.detailDe).toBe(
      'Das Dokument liegt in einer Akte, die zu den Akten verfügt ist (z.d.A.); es kann nicht verschoben werden.',
    );
    expect(await placeOf(doc.json.id)).toMatchObject({ vorgang_id: open.vorgangId });
    expect(await placeOf(inClosed.json.id)).toMatchObject({ vorgang_id: closed.vorgangId });
    const reader = await t.tokenFor('nordhausen', ['lesen']);
    expect((await move(reader, doc.json.id, open.vorgangId)).status).toBe(403);
    const bad = await move(admin, doc.json.id, 'kein-vorgang');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
