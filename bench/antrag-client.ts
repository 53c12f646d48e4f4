/**
 * Load generator for bench/antraege.ts, in its own process (as real portals are): sends `count`
 * requests with the given concurrency and prints the acknowledged ids and the latencies.
 *   mode submit:  POST /api/v1/antraege (small form, one attachment from `attachment`)
 *   mode trivial: GET /favicon.ico (the same server's cheapest route: the ceiling)
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';

const [url, token, mode, countText, concurrencyText, attachmentPath] = process.argv.slice(2);
const count = Number(countText);
const attachment = attachmentPath ? await readFile(attachmentPath) : Buffer.alloc(0);
// The four counties' towns, so every member's E-Akte takes submissions.
const towns = [
  ['16062041', '99734', 'Nordhausen'],
  ['16065067', '99706', 'Sondershausen'],
  ['16064046', '99974', 'Mühlhausen'],
  ['16063105', '99817', 'Eisenach'],
] as const;
const boundary = 'verbund-bench-7d3f';
const part = (name: string, value: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

/** The multipart body of submission i (built by hand: the client shares the cores with the server). */
function submissionBody(i: number) {
  const [ags, plz, ort] = towns[i % towns.length]!;
  const daten = {
    'V-G-PERSON': {
      'V-F-FAMILIENNAME': `Muster${i}`,
      'V-F-VORNAME': 'Erika',
      'V-F-GEBURTSDATUM': '1980-01-01',
      'V-F-STRASSE': 'Markt 1',
      'V-F-PLZ': plz,
      'V-F-ORT': ort,
      'V-F-EMAIL': `erika${i}@example.org`,
    },
    'V-F-BEDUERFNIS': '02',
  };
  // Each attachment differs in its first bytes (no deduplication shortcut in the blob store).
  const bytes = Buffer.from(attachment);
  bytes.write(`Anlage ${i} `, 0);
  return Buffer.concat([
    Buffer.from(
      part('leistung', 'waffenbesitzkarte') +
        part('gemeinde', ags) +
        part('daten', JSON.stringify(daten)) +
        `--${boundary}\r\nContent-Disposition: form-data; name="V-F-SACHKUNDE"; filename="sachkunde-${i}.pdf"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrencyText) });
function send(method: 'GET' | 'POST', path: string, body?: Buffer) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      `${url}${path}`,
      {
        method,
        agent,
        headers: body
          ? {
              authorization: `Bearer ${token}`,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': body.length,
            }
          : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const latencies: number[] = [];
const ids: string[] = [];
let failed = 0;
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrencyText) }, async () => {
    while (next < count) {
      const i = next++;
      const body = mode === 'trivial' ? undefined : submissionBody(i);
      const t0 = performance.now();
      const response =
        mode === 'trivial' ? await send('GET', '/favicon.ico') : await send('POST', '/api/v1/antraege', body);
      latencies.push(performance.now() - t0);
      if (response.status === 201) ids.push(JSON.parse(response.body).id);
      else if (response.status !== 204) failed++;
    }
  }),
);
agent.destroy();
process.stdout.write(
  JSON.stringify({ seconds: (performance.now() - started) / 1000, failed, ids, latencies }),
);
