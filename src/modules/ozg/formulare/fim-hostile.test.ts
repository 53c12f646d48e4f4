import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { probeHealthDuring } from '../../../../test/support/health-probe.ts';
import { lyingZip } from '../../../../test/support/hostile-files.ts';
import { checkXmlStructure, parseUntrustedXml, XmlRefused } from './xml.ts';

/**
 * Hostile FIM imports (POST /api/v1/formulare/import): the upload is unpacked and parsed in a
 * bounded parser process (fim-import.task.ts) with structural limits, so no file can stall or
 * take down the web process. Parser heap 128 MiB here, to make a heap breach cheap to reach.
 */

const MIB = 1024 * 1024;
const BEWOHNERPARKEN = path.resolve(
  import.meta.dirname,
  '../../../../../shared/standards/xdatenfelder/examples/bewohnerparken',
);
const bewohnerparken = () =>
  Object.fromEntries(
    readdirSync(BEWOHNERPARKEN).map((name) => [name, readFileSync(path.join(BEWOHNERPARKEN, name))]),
  );
const SCHEMA = 'S05000058V1.0_xdf2.xml';

let t: TestContext;
let admin: string;
/** /health p99 bound: 200 ms, or twice the idle p99 on a machine loaded by other work. */
let healthBound = 200;

beforeAll(async () => {
  t = await createTestContext({ VERBUND_EXTRACTION_HEAP_MB: '128', VERBUND_EXTRACTION_TIMEOUT_S: '20' });
  admin = await t.tokenFor('nordhausen', ['kreis-admin']);
  const idle = await watched(() => new Promise((resolve) => setTimeout(resolve, 2_000)));
  healthBound = Math.max(200, 2 * idle.p99);
  console.info(`[figures] idle /health p99 ${idle.p99.toFixed(1)} ms`);
});
afterAll(() => t.close());

/** A multipart body encoded ahead (a real client is another process); sent as raw bytes. */
async function encode(files: Array<[Uint8Array, string]>) {
  const form = new FormData();
  for (const [bytes, name] of files) form.append('datei', new Blob([bytes as BlobPart]), name);
  const request = new Request('http://verbund.invalid/', { method: 'POST', body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}
const send = ({ body, type }: { body: Uint8Array; type: string }, query = '?force=true') =>
  t.request(`/api/v1/formulare/import${query}`, {
    token: admin,
    body: body as BodyInit,
    headers: { 'content-type': type },
  });
const xml = (text: string) => new TextEncoder().encode(text);

const watched = <T>(work: () => Promise<T>) => probeHealthDuring({ app: t.app, work });

describe('structural limits of untrusted XML', () => {
  const limits = { maxDepth: 2, maxElements: 3, maxAttributes: 3, maxAttributesPerElement: 2 };
  const refusal = (text: string) => {
    try {
      checkXmlStructure(text, limits);
      return null;
    } catch (error) {
      return error instanceof XmlRefused ? error.code : String(error);
    }
  };

  it('counts only real tags: comments, CDATA, processing instructions and quoted ">" do not count', () => {
    expect(
      refusal(
        `<?xml version="1.0"?><!-- <a><b><c> --><r><![CDATA[<a><b><c>]]><?pi <a><b>?><a x="1>2" y='/>'/></r>`,
      ),
    ).toBeNull();
  });

  it('refuses depth, elements and attributes past their limits', () => {
    expect(refusal('<r><a/></r>')).toBeNull();
    expect(refusal('<r><a><b/></a></r>')).toBe('xml.too_deep');
    expect(refusal('<r><a/><a/><a/></r>')).toBe('xml.too_complex');
    expect(refusal('<r a="1" b="2" c="3"/>')).toBe('xml.too_complex');
    expect(refusal('<r a="1" b="2"><a c="3" d="4"/></r>')).toBe('xml.too_complex');
  });

  it('parses a document exactly 256 levels deep and refuses one of 257', () => {
    const nested = (levels: number) =>
      new TextEncoder().encode(`${'<a>'.repeat(levels - 1)}<a/>${'</a>'.repeat(levels - 1)}`);
    expect(parseUntrustedXml(nested(256)).name).toBe('a');
    expect(() => parseUntrustedXml(nested(257))).toThrow(/nested deeper than 256 levels/);
  });
});

describe('hostile FIM imports', () => {
  it('refuses XML nested 100,000 levels deep with 422 "zu tief verschachtelt", quickly, and imports normally afterwards', async () => {
    const deep = xml(`<a>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</a>`);
    const started = performance.now();
    const response = await send(await encode([[deep, 'tief.xml']]));
    const ms = performance.now() - started;
    expect(response.status).toBe(422);
    expect(response.json.code).toBe('xml.too_deep');
    expect(response.json.detailDe).toMatch(/zu tief verschachtelt \(mehr als 256 Ebenen\)/);
    expect(ms).toBeLessThan(5_000);
    const honest = await send(await encode([[zipSync(bewohnerparken()), 'bewohnerparken.zip']]));
    expect(honest.status).toBe(201);
    expect(honest.json.formularId).toBe('S05000058');
  });

  it('refuses 2.6 million elements in 10 MiB as "zu komplex" by count, and stops a parse past its heap', async () => {
    const wide = xml(`<r>${'<a/>'.repeat(2_600_000)}</r>`);
    expect(wide.length).toBeLessThan(10 * MIB);
    const counted = await send(await encode([[wide, 'breit.xml']]));
    expect(counted.status).toBe(422);
    expect(counted.json.code).toBe('xml.too_complex');
    expect(counted.json.detailDe).toMatch(/zu komplex \(mehr als 1\.000\.000 Elemente\)/);
    // Within the count, but more than the parser's 128 MiB heap: the process is stopped and replaced.
    const heavy = xml(`<r>${'<a b="1"/>'.repeat(999_000)}</r>`);
    const replacedBefore = t.services.ozg.catalog.parserStats().replaced;
    const stopped = await send(await encode([[heavy, 'schwer.xml']]));
    expect(stopped.status).toBe(422);
    expect(stopped.json.code).toBe('fim.too_complex');
    expect(stopped.json.detailDe).toMatch(/zu komplex.*128 MiB/);
    expect(t.services.ozg.catalog.parserStats().replaced).toBe(replacedBefore + 1);
    const attributes = xml(`<r ${Array.from({ length: 300 }, (_, i) => `a${i}="1"`).join(' ')}><a/></r>`);
    const many = await send(await encode([[attributes, 'attribute.xml']]));
    expect(many.status).toBe(422);
    expect(many.json.detailDe).toMatch(/mehr als 256 Attributen/);
  });

  it('refuses a bundle whose code list lies about its size with 422 "zu groß entpackt"', async () => {
    const files = bewohnerparken();
    // The code list declares 1,000 bytes; its deflate stream inflates to 512 MiB of zeros.
    const zip = await lyingZip({
      plain: { [SCHEMA]: files[SCHEMA]! },
      lying: ['C05000073_genericode.xml'],
      inflatedSize: 512 * MIB,
    });
    const started = performance.now();
    const response = await send(await encode([[zip, 'bundle.zip']]));
    expect(response.status).toBe(422);
    expect(response.json.code).toBe('fim.zip_too_large_unpacked');
    expect(response.json.detailDe).toMatch(/C05000073_genericode\.xml.*zu groß entpackt/);
    expect(performance.now() - started).toBeLessThan(5_000);
    const broken = await send(await encode([[new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'x.zip']]));
    expect(broken.status).toBe(422);
    expect(broken.json.code).toBe('fim.zip_malformed');
  });

  it('keeps /health answering while hostile imports are parsed', async () => {
    // The bound follows the machine's load of the moment (other test runs share it).
    const idle = await watched(() => new Promise((resolve) => setTimeout(resolve, 2_000)));
    healthBound = Math.max(200, 2 * idle.p99);
    const files = bewohnerparken();
    const hostile = await Promise.all([
      encode([[xml(`<r>${'<a/>'.repeat(2_600_000)}</r>`), 'breit.xml']]),
      encode([[xml(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`), 'tief.xml']]),
      encode([
        [
          await lyingZip({
            plain: { [SCHEMA]: files[SCHEMA]! },
            lying: ['C05000073_genericode.xml'],
            inflatedSize: 512 * MIB,
          }),
          'bundle.zip',
        ],
      ]),
    ]);
    const figures = await watched(async () => {
      const responses = [];
      for (let i = 0; i < 4; i++) responses.push(...(await Promise.all(hostile.map((body) => send(body)))));
      return responses;
    });
    console.info(
      `[figures] twelve hostile FIM imports (wide, deep, lying zip): answered in ${figures.ms.toFixed(0)} ms, /health p99 ${figures.p99.toFixed(1)} ms over ${figures.probes} probes (idle before ${idle.p99.toFixed(1)} ms; event loop max ${figures.loopMaxMs.toFixed(0)} ms), web process RSS +${figures.rssGrowthMb.toFixed(0)} MB`,
    );
    expect(figures.result.map((r) => r.status)).toEqual(Array(12).fill(422));
    expect(figures.probes).toBeGreaterThan(20);
    expect(figures.p99).toBeLessThan(healthBound);
  });
});
