import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { aussonderungZip } from '../../../../test/support/xdomea-fixtures.ts';

const XSD_300 = path.resolve(import.meta.dirname, '../../../../../shared/standards/xdomea/3.0.0/xdomea.xsd');

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** Validates the message XML of an export zip with xmllint against the official XSD. */
async function validateExport(zip: Uint8Array) {
  const files = unzipSync(zip);
  const xmlName = Object.keys(files).find((name) => name.endsWith('.xml') && !name.includes('/'))!;
  expect(xmlName).toMatch(/Abgabe\.Abgabe\.0401\.xml$/);
  const dir = await mkdtemp(path.join(tmpdir(), 'xdomea-'));
  const file = path.join(dir, 'nachricht.xml');
  await writeFile(file, files[xmlName]!);
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD_300, file], {
    encoding: 'utf8',
  });
  expect(result.error, 'xmllint fehlt (apt-get install libxml2-utils)').toBeUndefined();
  expect(result.stderr).toContain('validates');
  expect(result.status).toBe(0);
  return { files, xml: new TextDecoder().decode(files[xmlName]) };
}

async function fileDocument(token: string, vorgangId: string, name: string, content: string) {
  const form = new FormData();
  form.set('datei', new Blob([content]), name);
  form.set('titel', `Dokument ${name} – Prüfung & <Vermerk>`);
  const response = await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, { token, body: form });
  expect(response.status).toBe(201);
  return response.json;
}

describe('xdomea exchange through the API', () => {
  let exported: Uint8Array;
  let originals: Record<string, string>;

  it('exports an Akte as an xdomea 3.0.0 Abgabe message that validates against the XSD', async () => {
    const token = await t.tokenFor('nordhausen');
    const akte = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Breitbandausbau Gewerbegebiet Süd', aktenplan: '02.20' },
    });
    const v1 = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'Förderantrag Bund' },
    });
    const v2 = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'Ausschreibung Tiefbau' },
    });
    const a = await fileDocument(token, v1.json.id, 'antrag.txt', 'Förderantrag, Fassung 1');
    const form = new FormData();
    form.set('datei', new Blob(['Förderantrag, Fassung 2 (korrigiert)']), 'antrag-v2.txt');
    expect((await t.request(`/api/v1/dokumente/${a.id}/versionen`, { token, body: form })).status).toBe(201);
    await fileDocument(token, v1.json.id, 'bescheid.txt', 'Zuwendungsbescheid über 1,2 Mio. €');
    await fileDocument(token, v2.json.id, 'leistungsverzeichnis.txt', 'Leistungsverzeichnis Tiefbau');
    originals = {
      'Förderantrag, Fassung 1': 'antrag',
      'Förderantrag, Fassung 2 (korrigiert)': 'antrag',
      'Zuwendungsbescheid über 1,2 Mio. €': 'bescheid',
      'Leistungsverzeichnis Tiefbau': 'lv',
    };

    const response = await t.app.request(`/api/v1/akten/${akte.json.id}/xdomea`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    exported = new Uint8Array(await response.arrayBuffer());
    const { files, xml } = await validateExport(exported);
    expect(xml).toContain('Breitbandausbau Gewerbegebiet Süd');
    expect(xml).toContain('Förderantrag Bund');
    const contents = Object.entries(files)
      .filter(([name]) => !name.endsWith('.xml'))
      .map(([, bytes]) => new TextDecoder().decode(bytes));
    for (const text of Object.keys(originals)) expect(contents).toContain(text);

    const vorgangExport = await t.app.request(`/api/v1/vorgaenge/${v2.json.id}/xdomea`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const single = await validateExport(new Uint8Array(await vorgangExport.arrayBuffer()));
    expect(single.xml).toContain('Ausschreibung Tiefbau');
    expect(single.xml).not.toContain('Förderantrag Bund');
  });

  it('imports the message into another county as a new Akte with all documents and versions', async () => {
    const token = await t.tokenFor('wartburgkreis');
    const form = new FormData();
    form.set('datei', new Blob([exported as BlobPart]), 'abgabe.zip');
    const imported = await t.request('/api/v1/import/xdomea', { token, body: form });
    expect(imported.status).toBe(201);
    expect(imported.json).toMatchObject({
      vorgaenge: 2,
      dokumente: 3,
      nachrichtentyp: 'Abgabe.Abgabe.0401',
      version: '3.0.0',
    });
    const akte = await t.request(`/api/v1/akten/${imported.json.id}`, { token });
    expect(akte.json.titel).toBe('Breitbandausbau Gewerbegebiet Süd');
    expect(akte.json.aktenplan.kennzeichen).toBe('02.20');
    const vorgaenge = await t.request(`/api/v1/akten/${imported.json.id}/vorgaenge`, { token });
    expect(vorgaenge.json.items.map((v: { betreff: string }) => v.betreff).sort()).toEqual([
      'Ausschreibung Tiefbau',
      'Förderantrag Bund',
    ]);
    const texts: string[] = [];
    for (const v of vorgaenge.json.items) {
      const docs = await t.request(`/api/v1/vorgaenge/${v.id}/dokumente`, { token });
      for (const d of docs.json.items) {
        const versions = await t.request(`/api/v1/dokumente/${d.id}/versionen`, { token });
        for (const version of versions.json.items)
          texts.push(
            (await t.request(`/api/v1/dokumente/${d.id}/inhalt?version=${version.version}`, { token })).text,
          );
      }
    }
    expect(texts.sort()).toEqual(Object.keys(originals).sort());
    // Nordhausen's original is untouched and invisible to the Wartburgkreis.
    const audit = await t.superuser.query(
      `select action from audit_events where tenant_id = 'wartburgkreis' and object_id = $1`,
      [imported.json.id],
    );
    expect(audit.rows.map((r) => r.action)).toContain('integrations.xdomea_import');
  });

  it('imports a foreign xdomea 3.1.0 Aussonderung message from another DMS', async () => {
    const token = await t.tokenFor('unstrut-hainich-kreis');
    const form = new FormData();
    form.set('datei', new Blob([aussonderungZip() as BlobPart]), 'aussonderung.zip');
    const imported = await t.request('/api/v1/import/xdomea', { token, body: form });
    expect(imported.status).toBe(201);
    expect(imported.json).toMatchObject({
      nachrichtentyp: 'Aussonderung.Aussonderung.0503',
      version: '3.1.0',
    });
    expect(imported.json.dokumente).toBeGreaterThan(0);
    const vorgaenge = await t.request(`/api/v1/akten/${imported.json.id}/vorgaenge`, { token });
    expect(vorgaenge.json.total).toBe(imported.json.vorgaenge);
  });

  it('refuses hostile or broken messages with a clear 4xx', async () => {
    const token = await t.tokenFor('wartburgkreis');
    const send = async (zip: Uint8Array) => {
      const form = new FormData();
      form.set('datei', new Blob([zip as BlobPart]), 'nachricht.zip');
      return t.request('/api/v1/import/xdomea', { token, body: form });
    };
    const xxe = zipSync({
      'x_Abgabe.Abgabe.0401.xml': new TextEncoder().encode(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      ),
    });
    const traversal = zipSync({ '../../etc/evil.xml': new TextEncoder().encode('<x/>') });
    const bomb = zipSync({ 'bomb.bin': new Uint8Array(30 * 1024 * 1024) }, { level: 9 });
    for (const zip of [xxe, traversal, bomb, new TextEncoder().encode('kein zip')]) {
      const response = await send(zip);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.json.detailDe).toBeTruthy();
      expect(response.text).not.toContain('root:');
    }
  });

  it('delivers a Vorgang as an xdomea message through a connector (zip drop), valid against the XSD', async () => {
    const token = await t.tokenFor('kyffhaeuserkreis');
    const dir = await mkdtemp(path.join(tmpdir(), 'xdomea-drop-'));
    const defined = await t.request('/api/v1/connectoren', {
      token,
      json: {
        id: 'archiv-xdomea',
        name: 'Abgabe an das Archivsystem',
        ausloeser: 'vorgang.status',
        nutzlast: 'xdomea',
        transport: 'verzeichnis',
      },
    });
    expect(defined.status).toBe(201);
    await t.request('/api/v1/connectoren/archiv-xdomea/aktivierung', {
      token,
      method: 'PUT',
      json: { ziel: dir },
    });
    const akte = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Archivierung', aktenplan: '00.40' },
    });
    const v = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'Abschluss Schriftverkehr' },
    });
    await fileDocument(token, v.json.id, 'schreiben.txt', 'Abschließendes Schreiben');
    await t.request(`/api/v1/vorgaenge/${v.json.id}/status`, { token, json: { status: 'abgeschlossen' } });
    await t.services.createDeliveryWorker().runOnce();
    const { readdir, readFile } = await import('node:fs/promises');
    const zips = (await readdir(dir)).filter((f) => f.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    const { xml } = await validateExport(new Uint8Array(await readFile(path.join(dir, zips[0]!))));
    expect(xml).toContain('Abschluss Schriftverkehr');
  });
});
