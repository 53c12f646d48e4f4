import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { bewohnerparkenDaten } from '../../../../test/support/ozg.ts';

let t: TestContext;
let admin: string;

type Kriterium = { key: string; quelle: string; abgeleitet: number | null; wirksam: number | string | null };

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('wartburgkreis', ['kreis-admin']);
});
afterAll(() => t.close());

const leistung = (id: string, token = admin) =>
  t.request(`/api/v1/steuerung/reifegrad/leistungen/${id}`, { token });
const erfassen = (id: string, json: unknown, token = admin) =>
  t.request(`/api/v1/steuerung/reifegrad/leistungen/${id}`, { method: 'PUT', token, json });

describe('OZG Reifegrad per Leistung and county', () => {
  it('derives criteria from the platform: an active Leistung with a FIM form takes the Antrag online', async () => {
    const antwort = await leistung('wohngeld');
    expect(antwort.status).toBe(200);
    const kriterien = antwort.json.kriterien as Kriterium[];
    expect(kriterien).toHaveLength(10);
    expect(kriterien.find((k) => k.key === 'leistungsbeschreibung')).toMatchObject({
      quelle: 'abgeleitet',
      abgeleitet: 1,
    });
    expect(kriterien.find((k) => k.key === 'antragsprozess')).toMatchObject({
      quelle: 'abgeleitet',
      abgeleitet: 3,
    });
    expect(kriterien.find((k) => k.key === 'nutzerkonto')).toMatchObject({ quelle: 'offen', wirksam: null });
    // open criteria count 0: nothing recorded yet
    expect(antwort.json.stufe).toBe(0);
  });

  it('lifts Nachweise, Bescheid and Statusinformation once a real Antrag carries them', async () => {
    const vorher = (await leistung('bewohnerparkausweis')).json.kriterien as Kriterium[];
    expect(vorher.find((k) => k.key === 'bescheid')?.quelle).toBe('offen');
    const sachbearbeitung = await t.tokenFor('wartburgkreis', ['sachbearbeitung']);
    const form = new FormData();
    form.set('leistung', '99108001001000');
    form.set('gemeinde', '16063105');
    form.set('daten', JSON.stringify(bewohnerparkenDaten()));
    form.set(
      'anlagen',
      new Blob(['%PDF-1.4 Fahrzeugschein'], { type: 'application/pdf' }),
      'fahrzeugschein.pdf',
    );
    const antrag = await t.request('/api/v1/antraege', { token: sachbearbeitung, body: form });
    expect(antrag.status).toBe(201);
    const datei = new FormData();
    datei.set('datei', new Blob(['Bescheid: bewilligt'], { type: 'text/plain' }), 'bescheid.txt');
    datei.set('titel', 'Bescheid Bewohnerparkausweis');
    const bescheid = await t.request(`/api/v1/vorgaenge/${antrag.json.vorgangId}/dokumente`, {
      token: sachbearbeitung,
      body: datei,
    });
    expect(bescheid.status).toBe(201);
    for (const json of [
      { status: 'in-bearbeitung', nachricht: 'Wir prüfen Ihren Antrag.' },
      {
        status: 'beschieden',
        nachricht: 'Ihr Bewohnerparkausweis ist bewilligt.',
        bescheidDokumentId: bescheid.json.id,
      },
    ])
      expect(
        (await t.request(`/api/v1/antraege/${antrag.json.id}/status`, { token: sachbearbeitung, json }))
          .status,
      ).toBe(200);
    const nachher = (await leistung('bewohnerparkausweis')).json.kriterien as Kriterium[];
    expect(nachher.find((k) => k.key === 'nachweise')).toMatchObject({ quelle: 'abgeleitet', abgeleitet: 3 });
    expect(nachher.find((k) => k.key === 'bescheid')).toMatchObject({ quelle: 'abgeleitet', abgeleitet: 3 });
    expect(nachher.find((k) => k.key === 'statusinformation')).toMatchObject({
      quelle: 'abgeleitet',
      abgeleitet: 3,
    });
  });

  it('takes the recorded rest: the level is the minimum, „entfällt“ does not limit, 2.0 is stored beside it', async () => {
    const antwort = await erfassen('wohngeld', {
      kriterien: {
        leistungsbeschreibung: 4,
        nutzerkonto: 3,
        authentifizierung: 3,
        bezahlung: 'entfaellt',
        nachweise: 3,
        schriftform: 'entfaellt',
        bescheid: 3,
        statusinformation: 4,
        once_only: 2,
      },
      stufe20: 3,
    });
    expect(antwort.status).toBe(200);
    expect(antwort.json).toMatchObject({
      stufe: 2,
      stufenName: 'Formular-Assistent',
      online: true,
      ozgKonform: false,
      stufe20: 3,
    });
    const hoeher = await erfassen('wohngeld', { kriterien: { once_only: 4 } });
    expect(hoeher.json).toMatchObject({
      stufe: 3,
      online: true,
      ozgKonform: true,
      stufe20: 3,
      offeneKriterien: 0,
    });
    const zurueck = await erfassen('wohngeld', { kriterien: { nutzerkonto: null } });
    const nutzerkonto = (zurueck.json.kriterien as Kriterium[]).find((k) => k.key === 'nutzerkonto');
    expect(nutzerkonto?.quelle).toBe('offen');
    expect(zurueck.json.stufe).toBe(0);
    await erfassen('wohngeld', { kriterien: { nutzerkonto: 3 } });
  });

  it('another county sees its own, unrecorded Reifegrad of the same Leistung', async () => {
    const nordhausen = await t.tokenFor('nordhausen', ['kreis-admin']);
    const antwort = await leistung('wohngeld', nordhausen);
    expect(antwort.status).toBe(200);
    expect((antwort.json.kriterien as Kriterium[]).filter((k) => k.quelle === 'erfasst')).toEqual([]);
  });

  it('lets only verbund-admin and kreis-admin record, and refuses bad input in German', async () => {
    const sachbearbeitung = await t.tokenFor('wartburgkreis', ['sachbearbeitung', 'leitung']);
    const verboten = await erfassen('wohngeld', { kriterien: { bezahlung: 4 } }, sachbearbeitung);
    expect(verboten.status).toBe(403);
    expect(verboten.json.detailDe).toContain('Kreis-Administration');
    for (const json of [{ kriterien: { bezahlung: 5 } }, { kriterien: { erfunden: 1 } }, { stufe20: 8 }]) {
      const falsch = await erfassen('wohngeld', json);
      expect(falsch.status).toBe(400);
      expect(falsch.headers.get('content-type')).toContain('application/problem+json');
    }
    const unbekannt = await erfassen('gibt-es-nicht', { kriterien: { bezahlung: 4 } });
    expect(unbekannt.status).toBe(404);
    expect(unbekannt.json.detailDe).toBe('Die Leistung wurde nicht gefunden.');
  });

  it('counts Leistungen by level per county through the audited Verbund function', async () => {
    const antwort = await t.request('/api/v1/steuerung/reifegrad/verbund', { token: admin });
    expect(antwort.status).toBe(200);
    const wartburg = antwort.json.landkreise.find(
      (l: { tenantId: string }) => l.tenantId === 'wartburgkreis',
    );
    expect(wartburg.jeStufe[3]).toBeGreaterThanOrEqual(1);
    expect(wartburg.ozgKonform).toBeGreaterThanOrEqual(1);
    // a county sees its own row and the Verbund total (migration 0049); the Serviceteam sees all four
    expect(antwort.json.landkreise.map((l: { name: string }) => l.name)).toEqual([
      'Wartburgkreis',
      'Verbund gesamt',
    ]);
    const gesamt = antwort.json.landkreise[1];
    expect(gesamt.ozgKonform).toBeGreaterThanOrEqual(wartburg.ozgKonform);
    const serviceteam = await t.tokenFor('unstrut-hainich-kreis', ['verbund-admin']);
    const alle = await t.request('/api/v1/steuerung/reifegrad/verbund', { token: serviceteam });
    expect(alle.json.landkreise).toHaveLength(5);
    expect(
      alle.json.landkreise.find((l: { tenantId: string }) => l.tenantId === 'wartburgkreis').jeStufe,
    ).toEqual(wartburg.jeStufe);
    const { rows } = await t.superuser.query(
      `select object_id from audit_events where tenant_id = 'wartburgkreis' and action = 'steuerung.verbundzahlen' order by seq desc limit 1`,
    );
    expect(rows[0]?.object_id).toBe('steuerung_reifegrad_verbund');
  });

  it('refuses the Verbund function outside a tenant transaction', async () => {
    await expect(
      sql`select * from steuerung_reifegrad_verbund()`.execute(t.services.database.db),
    ).rejects.toThrow(/needs a tenant transaction/);
  });
});
