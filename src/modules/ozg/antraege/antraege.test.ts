import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { bewohnerparkenDaten, bewohnerparkenDatenFremdesFahrzeug } from '../../../../test/support/ozg.ts';
import { bewohnerparkenFiles, fileForm, ozgTestContext, STANDARDS } from '../ozg.fixture.ts';

let t: TestContext;
let admin: string;
beforeAll(async () => ({ t, admin } = await ozgTestContext()));
afterAll(() => t.close());

describe('Anträge', () => {
  const submit = async (
    token: string,
    fields: Record<string, string>,
    files: Array<[string, string | Uint8Array, string]> = [],
  ) => t.request('/api/v1/antraege', { token, body: fileForm(files, fields) });
  const attachment = new Uint8Array(100 * 1024).map((_, i) => (i * 7) % 251);

  it('files a valid Antrag as a Vorgang of the responsible county, with documents and FIT-Connect metadata', async () => {
    // A token of the Wartburgkreis (a third-party portal) submits for Nordhausen (AGS 16062041).
    const portal = await t.tokenFor('wartburgkreis', ['sachbearbeitung']);
    const daten = bewohnerparkenDatenFremdesFahrzeug();
    const response = await submit(
      portal,
      { leistung: '99108001001000', gemeinde: '16062041', daten: JSON.stringify(daten) },
      [
        ['G05000499.F05001248', attachment, 'nutzungsueberlassung.pdf'],
        ['G05000499.F05001045', 'Fahrzeugschein', 'fahrzeugschein.txt'],
      ],
    );
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      zustaendig: { id: 'nordhausen' },
      leistung: { id: 'bewohnerparkausweis' },
    });
    expect(response.json.nummer).toMatch(/^16062-\d{4}-\d{6}$/);
    expect(response.json.trackingCode).toMatch(/^16062-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const nordhausen = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const own = await t.request(`/api/v1/antraege/${response.json.id}`, { token: nordhausen });
    expect(own.status).toBe(200);
    expect(own.json.status).toBe('neu');
    expect(own.json.anlagen).toHaveLength(2);
    expect(own.json.anlagen[0].sha512).toBe(createHash('sha512').update(attachment).digest('hex'));
    // The submitting portal's county is not responsible: 404.
    expect((await t.request(`/api/v1/antraege/${response.json.id}`, { token: portal })).status).toBe(404);

    await drainJobs(t);
    const docs = await t.request(`/api/v1/vorgaenge/${response.json.vorgangId}/dokumente`, {
      token: nordhausen,
    });
    const names = docs.json.items.map((d: { dateiname: string }) => d.dateiname).sort();
    expect(names).toEqual(
      [
        `antrag-${response.json.nummer}.json`,
        `antrag-${response.json.nummer}.pdf`,
        `antrag-${response.json.nummer}.xml`,
        'fahrzeugschein.txt',
        'nutzungsueberlassung.pdf',
      ].sort(),
    );
    const pdfDoc = docs.json.items.find(
      (d: { dateiname: string }) => d.dateiname.endsWith('.pdf') && d.dateiname.startsWith('antrag'),
    );
    const pdf = await t.request(`/api/v1/dokumente/${pdfDoc.id}/inhalt`, { token: nordhausen });
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const pdfText = await t.request(`/api/v1/dokumente/${pdfDoc.id}/text`, { token: nordhausen });
    expect(pdfText.text).toContain('Bahnhofstraße');
    const jsonDoc = docs.json.items.find((d: { dateiname: string }) => d.dateiname.endsWith('.json'));
    const jsonBytes = Buffer.from(
      (await t.request(`/api/v1/dokumente/${jsonDoc.id}/inhalt`, { token: nordhausen })).text,
    );
    const xmlDoc = docs.json.items.find((d: { dateiname: string }) => d.dateiname.endsWith('.xml'));
    const xml = (await t.request(`/api/v1/dokumente/${xmlDoc.id}/inhalt`, { token: nordhausen })).text;
    expect(xml).toContain('<F05000059>Müller</F05000059>');

    // FIT-Connect metadata: valid against the official schema, hashes of data and attachments.
    const metadata = (
      await t.request(`/api/v1/antraege/${response.json.id}/metadaten`, { token: nordhausen })
    ).json;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    const schema = JSON.parse(
      readFileSync(path.join(STANDARDS, 'fit-connect/metadata.schema.v1.0.0.json'), 'utf8'),
    );
    const validate = ajv.compile(schema);
    expect(validate(metadata), JSON.stringify(validate.errors)).toBe(true);
    expect(metadata.contentStructure.data.hash.content).toBe(
      createHash('sha512').update(jsonBytes).digest('hex'),
    );
    expect(
      metadata.contentStructure.attachments.map((a: { hash: { content: string } }) => a.hash.content),
    ).toEqual([
      createHash('sha512').update(attachment).digest('hex'),
      createHash('sha512').update('Fahrzeugschein').digest('hex'),
    ]);
    expect(metadata.publicServiceType.identifier).toBe('urn:de:fim:leika:leistung:99108001001000');

    // It lands in the Postkorb of the responsible OE (Straßenverkehrsamt).
    const vorgang = await t.request(`/api/v1/vorgaenge/${response.json.vorgangId}`, { token: nordhausen });
    expect(vorgang.json.zustaendigOe).toContain('Straßenverkehrsamt');
    expect(vorgang.json.aktenzeichen).toMatch(/^03\.10\.03/);
    const audit = await t.superuser.query(
      `select action from audit_events where tenant_id = 'nordhausen' and object_id = $1`,
      [response.json.id],
    );
    expect(audit.rows.map((r) => r.action)).toContain('services.antrag_eingegangen');
  });

  it('enforces the FIM rule: a vehicle of another holder requires the holder group and its files', async () => {
    const token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const daten = bewohnerparkenDaten({
      G05000477: { F05000627: 'NDH-AB 1', F05001062: '123456', F05001047: '02' },
    });
    const response = await submit(token, {
      leistung: 'bewohnerparkausweis',
      gemeinde: '16062041',
      daten: JSON.stringify(daten),
    });
    expect(response.status).toBe(422);
    expect(response.json.code).toBe('antrag.invalid');
    expect(response.json.errors.fehler.map((f: { path: string }) => f.path)).toContain('G05000499.F05001243');
  });

  it('answers invalid data with every error, in German, and stores nothing', async () => {
    const token = await t.tokenFor('kyffhaeuserkreis', ['sachbearbeitung']);
    const before = await t.superuser.query('select count(*)::int as n from antraege');
    const response = await submit(token, {
      leistung: 'bewohnerparkausweis',
      gemeinde: '16062041',
      daten: JSON.stringify(
        bewohnerparkenDaten({
          G05000496: { F05000059: '', F05000351: '31.02.1980', F05001354: 'keine-mail' },
        }),
      ),
    });
    expect(response.status).toBe(422);
    const messages = response.json.errors.fehler.map((f: { message: string }) => f.message).join(' | ');
    expect(messages).toContain('Bitte geben Sie „Familienname“ an.');
    expect(messages).toContain('gültiges Datum');
    expect(messages).toContain('E-Mail-Adresse');
    for (const [fields, code] of [
      [{ leistung: 'gibt-es-nicht', gemeinde: '16062041', daten: '{}' }, 'leistung.not_found'],
      [{ leistung: 'bewohnerparkausweis', gemeinde: '09162000', daten: '{}' }, 'gemeinde.unknown'],
      [{ leistung: 'bewohnerparkausweis', gemeinde: '16062041', daten: '{kaputt' }, 'antrag.daten'],
      [{ leistung: 'bewohnerparkausweis', gemeinde: '16062041', daten: '[1]' }, 'antrag.daten'],
    ] as const) {
      const bad = await submit(token, fields);
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      expect(bad.json.code).toBe(code);
    }
    const empty = await submit(token, { leistung: 'wohngeld', gemeinde: '16062041', daten: '{}' }, [
      ['V-F-MIETNACHWEIS', '', 'leer.pdf'],
    ]);
    expect(empty.status).toBe(400);
    expect(empty.json.code).toBe('upload.empty');
    const after = await t.superuser.query('select count(*)::int as n from antraege');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('stores all or nothing: a failure inside the transaction leaves no Antrag, Vorgang or document', async () => {
    const token = await t.tokenFor('unstrut-hainich-kreis', ['sachbearbeitung', 'leitung', 'kreis-admin']);
    const activation = (await t.request('/api/v1/aktivierungen', { token })).json.items.find(
      (a: { leistungId: string }) => a.leistungId === 'waffenbesitzkarte',
    );
    // Closing the service's Akte (z.d.A.) makes the Vorgang insert fail after the checks passed.
    expect(
      (await t.request(`/api/v1/akten/${activation.akteId}/zda`, { token, method: 'POST' })).status,
    ).toBe(200);
    const count = async () =>
      (
        await t.superuser.query(
          `select (select count(*) from antraege where tenant_id = 'unstrut-hainich-kreis')::int as a,
                  (select count(*) from vorgaenge where tenant_id = 'unstrut-hainich-kreis')::int as v,
                  (select count(*) from dokumente where tenant_id = 'unstrut-hainich-kreis')::int as d`,
        )
      ).rows[0];
    const before = await count();
    const response = await submit(
      token,
      {
        leistung: 'waffenbesitzkarte',
        gemeinde: '16064046',
        daten: JSON.stringify({
          'V-G-PERSON': {
            'V-F-FAMILIENNAME': 'Schütz',
            'V-F-VORNAME': 'Sabine',
            'V-F-GEBURTSDATUM': '1975-05-05',
            'V-F-STRASSE': 'Steinweg 3',
            'V-F-PLZ': '99974',
            'V-F-ORT': 'Mühlhausen',
            'V-F-EMAIL': 'sabine@example.org',
          },
          'V-F-BEDUERFNIS': '02',
        }),
      },
      [['V-F-SACHKUNDE', 'Nachweis', 'sachkunde.txt']],
    );
    expect(response.status).toBe(409);
    expect(await count()).toEqual(before);
    await t.request(`/api/v1/akten/${activation.akteId}/wiedereroeffnen`, {
      token,
      json: { begruendung: 'Test' },
    });
    const again = await t.request('/api/v1/aktivierungen/waffenbesitzkarte', {
      token,
      method: 'PATCH',
      json: { aktiv: false },
    });
    expect(again.json.aktiv).toBe(false);
    const inactive = await submit(token, {
      leistung: 'waffenbesitzkarte',
      gemeinde: '16064046',
      daten: '{}',
    });
    expect(inactive.status).toBe(422);
    expect(inactive.json.detailDe).toContain('derzeit nicht online');
  });

  it('keeps a submitted Antrag on its form version when a new version is imported', async () => {
    const token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const first = await submit(token, {
      leistung: 'bewohnerparkausweis',
      gemeinde: '16062041',
      daten: JSON.stringify(bewohnerparkenDaten()),
    });
    expect(first.status).toBe(201);
    const before = await t.request(`/api/v1/antraege/${first.json.id}`, { token });
    const imported = await t.request('/api/v1/formulare/import?force=true', {
      token: admin,
      body: fileForm(bewohnerparkenFiles()),
    });
    expect(imported.status).toBe(201);
    const after = await t.request(`/api/v1/antraege/${first.json.id}`, { token });
    expect(after.json.formular).toEqual(before.json.formular);
    expect(after.json.daten).toEqual(before.json.daten);
    expect(after.json.formular.version).toBeLessThan(imported.json.version);
    // And the stored versions themselves cannot be changed.
    await expect(
      t.superuser.query(`update formular_versionen set warnings = '[]' where formular_id = 'S05000058'`),
    ).rejects.toThrow(/immutable/);
  });

  it('moves a case on: Nachforderung with message, citizen uploads, Bescheid released', async () => {
    const token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const created = await submit(token, {
      leistung: 'bewohnerparkausweis',
      gemeinde: '16062041',
      daten: JSON.stringify(bewohnerparkenDaten()),
    });
    const id = created.json.id;
    const noText = await t.request(`/api/v1/antraege/${id}/status`, {
      token,
      json: { status: 'nachforderung' },
    });
    expect(noText.status).toBe(400);
    const nach = await t.request(`/api/v1/antraege/${id}/status`, {
      token,
      json: { status: 'nachforderung', nachricht: 'Bitte reichen Sie den Fahrzeugschein nach.' },
    });
    expect(nach.json.status).toBe('nachforderung');
    const ozg = t.services.ozg.antraege;
    const tracked = await ozg.track(created.json.trackingCode.toLowerCase());
    expect(tracked.statusText).toBe('Unterlagen nachgefordert');
    expect(tracked.nachrichten.at(-1)).toMatchObject({ art: 'nachforderung', offen: true });
    const stored = await ozg.storeFile(
      (async function* () {
        yield new TextEncoder().encode('Fahrzeugschein nachgereicht');
      })(),
    );
    await ozg.nachreichen(
      created.json.trackingCode,
      [{ field: null, fileName: 'zb1.txt', ...stored }],
      'Anbei',
    );
    const afterUpload = await t.request(`/api/v1/antraege/${id}`, { token });
    expect(afterUpload.json.status).toBe('in-bearbeitung');
    expect(afterUpload.json.anlagen.map((a: { dateiname: string }) => a.dateiname)).toContain('zb1.txt');

    const bescheidForm = new FormData();
    bescheidForm.set('datei', new Blob(['Bescheid: Der Bewohnerparkausweis wird erteilt.']), 'bescheid.txt');
    bescheidForm.set('art', 'ausgang');
    const doc = await t.request(`/api/v1/vorgaenge/${created.json.vorgangId}/dokumente`, {
      token,
      body: bescheidForm,
    });
    const wrong = await t.request(`/api/v1/antraege/${id}/status`, {
      token,
      json: { status: 'abgeschlossen' },
    });
    expect(wrong.status).toBe(409);
    const done = await t.request(`/api/v1/antraege/${id}/status`, {
      token,
      json: { status: 'beschieden', bescheidDokumentId: doc.json.id },
    });
    expect(done.json.status).toBe('beschieden');
    const released = await ozg.bescheid(created.json.trackingCode, doc.json.id);
    expect(released.dokumentId).toBe(doc.json.id);
    await expect(ozg.bescheid(created.json.trackingCode, created.json.vorgangId)).rejects.toThrow();
    await expect(ozg.track('16062-0000-0000-0000-0000')).rejects.toThrow();
  });

  it('renders the receipt as PDF/A with the number and the entered data', async () => {
    const token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const created = await submit(token, {
      leistung: 'bewohnerparkausweis',
      gemeinde: '16062041',
      daten: JSON.stringify(bewohnerparkenDaten()),
    });
    const antrag = await t.services.ozg.antraege.track(created.json.trackingCode);
    const pdf = await t.services.ozg.antraege.renderPdf(antrag, 'quittung');
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/pdfaid:part(>|=")2/);
    expect(raw).toContain('/OutputIntents');
    expect(raw).toContain('/FontFile2');
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain(created.json.nummer);
    expect(text).toContain(created.json.trackingCode);
    expect(text).toContain('Müller');
  });
});
