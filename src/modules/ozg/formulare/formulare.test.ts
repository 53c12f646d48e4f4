import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/context.ts';
import { BEWOHNERPARKEN, bewohnerparkenFiles, fileForm, ozgTestContext, XDF } from '../ozg.fixture.ts';

let t: TestContext;
let admin: string;
beforeAll(async () => ({ t, admin } = await ozgTestContext()));
afterAll(() => t.close());

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
