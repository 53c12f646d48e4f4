import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO_TENANTS, type TestContext } from '../../../test/support/context.ts';
import { bewohnerparkenDaten, bewohnerparkenDatenFremdesFahrzeug } from '../../../test/support/ozg.ts';
import { gv100Record } from './leistungen/gv100.ts';

const STANDARDS = path.resolve(import.meta.dirname, '../../../../shared/standards');
const XDF = path.join(STANDARDS, 'xdatenfelder/examples');
const BEWOHNERPARKEN = path.join(XDF, 'bewohnerparken');

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.tokenFor('nordhausen', ['kreis-admin', 'sachbearbeitung', 'leitung']);
});
afterAll(() => t.close());

async function drainJobs() {
  const worker = t.services.createWorker();
  for (let i = 0; i < 50; i++) if ((await worker.runOnce()) === 0) return;
}

const fileForm = (
  files: Array<[string, string | Uint8Array, string]>,
  fields: Record<string, string> = {},
) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  for (const [field, content, name] of files) form.append(field, new Blob([content as BlobPart]), name);
  return form;
};

function bewohnerparkenFiles(): Array<[string, Uint8Array, string]> {
  return readdirSync(BEWOHNERPARKEN).map((f) => ['datei', readFileSync(path.join(BEWOHNERPARKEN, f)), f]);
}

describe('Leistungskatalog', () => {
  it('lists the Verbund services: at least five, every member owns one, all active for all four', async () => {
    const list = await t.request('/api/v1/leistungen');
    expect(list.status).toBe(200);
    expect(list.json.total).toBeGreaterThanOrEqual(5);
    const owners = new Set(list.json.items.map((l: { ownerTenantId: string }) => l.ownerTenantId));
    for (const tenant of DEMO_TENANTS) expect(owners).toContain(tenant);
    for (const l of list.json.items) {
      expect(l.leika).toMatch(/^\d{14}$/);
      expect(l.reifegrad).toBeGreaterThanOrEqual(0);
      expect(l.reifegrad).toBeLessThanOrEqual(7);
      expect(l.texte.kurztext).toBeTruthy();
    }
    const parken = list.json.items.find((l: { id: string }) => l.id === 'bewohnerparkausweis');
    expect(parken).toMatchObject({
      leika: '99108001001000',
      leikaPlatzhalter: false,
      formularId: 'S05000058',
    });
    for (const tenant of DEMO_TENANTS) {
      const activations = await t.request('/api/v1/aktivierungen', { token: await t.tokenFor(tenant) });
      expect(activations.json.items.filter((a: { aktiv: boolean }) => a.aktiv)).toHaveLength(list.json.total);
    }
    const search = await t.request('/api/v1/leistungen?q=parken');
    expect(search.json.items.map((l: { id: string }) => l.id)).toEqual(['bewohnerparkausweis']);
  });

  it('routes a municipality to its county by name, postcode or AGS', async () => {
    const byName = await t.request('/api/v1/gemeinden?q=Eisenach');
    expect(byName.json.items[0]).toMatchObject({ ags: '16063105', zustaendig: { id: 'wartburgkreis' } });
    const byPlz = await t.request('/api/v1/gemeinden?q=99974');
    expect(byPlz.json.items[0]).toMatchObject({
      ags: '16064046',
      zustaendig: { id: 'unstrut-hainich-kreis' },
    });
    const byAgs = await t.request('/api/v1/gemeinden?q=16062041');
    expect(byAgs.json.items[0].zustaendig.id).toBe('nordhausen');
  });

  it('activates the standard services for a joining county, each with its Akte', async () => {
    const verbundAdmin = await t.tokenFor('nordhausen', ['verbund-admin']);
    const join = await t.request('/api/v1/verbund/mitglieder', {
      token: verbundAdmin,
      json: { id: 'eichsfeld', name: 'Landkreis Eichsfeld', kreisschluessel: '16061' },
    });
    expect(join.status).toBe(201);
    const received = JSON.stringify(join.json);
    expect(received).toContain('bewohnerparkausweis');
    const activations = await t.request('/api/v1/aktivierungen', { token: await t.tokenFor('eichsfeld') });
    const catalog = await t.request('/api/v1/leistungen');
    expect(
      activations.json.items.filter((a: { aktiv: boolean; akteId: string }) => a.aktiv && a.akteId),
    ).toHaveLength(catalog.json.total);
  });
});

describe('Gemeindeverzeichnis (Destatis GV100AD)', () => {
  it('imports Satzart 60 records (ISO-8859-1 or UTF-8) and routes the new towns to their county', async () => {
    const lines = [
      gv100Record({ satzart: '10', ags: '16000000', name: 'Thüringen' }),
      gv100Record({ satzart: '40', ags: '16064000', name: 'Unstrut-Hainich-Kreis' }),
      gv100Record({ ags: '16064057', name: 'Nottertal-Heilinger Höhen, Stadt', plz: '99994' }),
      gv100Record({ ags: '16051000', name: 'Erfurt, Stadt', plz: '99084' }),
    ];
    const latin1 = Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
    const result = await t.services.ozg.catalog.importGemeinden(latin1);
    expect(result).toEqual({ gemeinden: 2, uebersprungen: 2, thueringen: 2 });
    const found = await t.request('/api/v1/gemeinden?q=99994');
    expect(found.json.items[0]).toMatchObject({
      name: 'Nottertal-Heilinger Höhen, Stadt',
      verifiziert: true,
      zustaendig: { id: 'unstrut-hainich-kreis' },
    });
    // Erfurt (16051) is not a member of the Verbund: no responsible county, and the portal says so.
    const erfurt = await t.request('/api/v1/gemeinden?q=Erfurt');
    expect(erfurt.json.items[0].zustaendig).toBeNull();
    const form = new FormData();
    form.set('leistung', 'wohngeld');
    form.set('gemeinde', '16051000');
    form.set('daten', '{}');
    const refused = await t.request('/api/v1/antraege', { token: admin, body: form });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('gemeinde.not_member');
    await expect(t.services.ozg.catalog.importGemeinden(Buffer.from('kein verzeichnis'))).rejects.toThrow(
      /kein GV100AD-Datensatz/,
    );
  });
});

describe('FIM XDatenfelder import', () => {
  it('imports the real Bewohnerparkausweis schema completely, with its code lists and rules', async () => {
    const response = await t.request('/api/v1/formulare/import', {
      token: admin,
      body: fileForm(bewohnerparkenFiles()),
    });
    // The demo already holds version 1 of this exact file.
    expect(response.status).toBe(409);
    const forced = await t.request('/api/v1/formulare/import?force=true', {
      token: admin,
      body: fileForm(bewohnerparkenFiles()),
    });
    expect(forced.status).toBe(201);
    const xml = readFileSync(path.join(BEWOHNERPARKEN, 'S05000058V1.0_xdf2.xml'), 'utf8');
    expect(forced.json).toMatchObject({ formularId: 'S05000058', xdfVersion: '2.0', xsdGueltig: true });
    expect(forced.json.fields).toBe(xml.match(/<xdf:datenfeld>/g)!.length);
    expect(forced.json.groups).toBe(xml.match(/<xdf:datenfeldgruppe>/g)!.length);
    expect(forced.json.regeln.map((r: { id: string; umgesetzt: boolean }) => [r.id, r.umgesetzt])).toEqual([
      ['R05000281', true],
      ['R05000334', true],
    ]);
    const version = await t.request(`/api/v1/formulare/S05000058?version=${forced.json.version}`, {
      token: admin,
    });
    const land = JSON.stringify(version.json.definition);
    expect(land).toContain('"code":"000","label":"Deutschland"');
    expect(version.json.definition.leika).toEqual(['99108001001000', '99108001020000']);
  });

  it('accepts a ZIP of schema and code lists', async () => {
    const zip = zipSync(Object.fromEntries(bewohnerparkenFiles().map(([, bytes, name]) => [name, bytes])));
    const response = await t.request('/api/v1/formulare/import?force=true', {
      token: admin,
      body: fileForm([['datei', zip, 'bewohnerparken.zip']]),
    });
    expect(response.status).toBe(201);
    expect(
      response.json.warnungen.filter((w: { code: string }) => w.code === 'fim.codelists_missing'),
    ).toEqual([]);
  });

  it('refuses a schema without its code lists unless forced', async () => {
    const schemaOnly = bewohnerparkenFiles().filter(([, , name]) => name.startsWith('S'));
    const refused = await t.request('/api/v1/formulare/import', { token: admin, body: fileForm(schemaOnly) });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('fim.codelists_missing');
    expect(refused.json.detailDe).toContain('C05000073');
  });

  it('refuses a file that deviates from the XSD with the validation messages, imports it when forced', async () => {
    const simple = readFileSync(path.join(XDF, 'v3-simple/simple.xml'));
    const refused = await t.request('/api/v1/formulare/import', {
      token: admin,
      body: fileForm([['datei', simple, 'simple.xml']]),
    });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('fim.xsd_invalid');
    expect(JSON.stringify(refused.json.errors)).toContain('gueltigAb');
    const forced = await t.request('/api/v1/formulare/import?force=true', {
      token: admin,
      body: fileForm([['datei', simple, 'simple.xml']]),
    });
    expect(forced.status).toBe(201);
    expect(forced.json).toMatchObject({ formularId: 'G60000000088', xdfVersion: '3.0', xsdGueltig: false });
    const xsdWarnings = forced.json.warnungen.filter((w: { code: string }) => w.code === 'xsd');
    expect(xsdWarnings[0].message).toContain('gueltigAb');
    const stored = await t.request('/api/v1/formulare/G60000000088', { token: admin });
    expect(stored.json.erzwungen).toBe(true);
    expect(stored.json.warnungen.length).toBe(forced.json.warnungen.length);
  });

  it.each([
    ['v3-duplicate-id-node.xml', 'fim.identifikation', 'mehrere IDs'],
    ['v3-empty-id-node.xml', 'fim.identifikation', 'ID ist leer'],
    ['v3-invalid-freigabestatus.xml', 'fim.freigabestatus', 'Freigabestatus „10“'],
    ['v3-unknown-namespace.xml', 'fim.namespace', 'Unbekannter Namensraum'],
  ])('refuses the defective %s even when forced, with a clear message', async (file, code, text) => {
    const bytes = readFileSync(path.join(XDF, 'edge-cases', file));
    for (const force of ['', '?force=true']) {
      const response = await t.request(`/api/v1/formulare/import${force}`, {
        token: admin,
        body: fileForm([['datei', bytes, file]]),
      });
      expect(response.status).toBe(422);
      expect(response.json.code).toBe(code);
      expect(response.json.detailDe).toContain(text);
    }
  });

  it('always refuses XXE, entity expansion, oversized and non-XML files', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`;
    const bomb = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>`;
    for (const [content, code] of [
      [xxe, 'xml.dtd'],
      [bomb, 'xml.dtd'],
      ['kein xml', 'xml.malformed'],
    ] as const) {
      const response = await t.request('/api/v1/formulare/import?force=true', {
        token: admin,
        body: fileForm([['datei', content, 'x.xml']]),
      });
      expect(response.status).toBe(422);
      expect(response.json.code).toBe(code);
      expect(response.text).not.toContain('root:');
    }
    const huge = new Uint8Array(11 * 1024 * 1024).fill(0x20);
    const tooLarge = await t.request('/api/v1/formulare/import?force=true', {
      token: admin,
      body: fileForm([['datei', huge, 'huge.xml']]),
    });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.json.code).toBe('fim.too_large');
    const clerk = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const forbidden = await t.request('/api/v1/formulare/import', {
      token: clerk,
      body: fileForm([['datei', '<x/>', 'x.xml']]),
    });
    expect(forbidden.status).toBe(403);
  });
});

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

    await drainJobs();
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
