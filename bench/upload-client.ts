/**
 * Load generator for bench/ingest.ts, in its own process (as real clients are): uploads the PDFs
 * in `dir` to one Vorgang with the given concurrency and reports when all were acknowledged.
 * It shares the two cores with the server, so it is kept lean: node:http with keep-alive
 * connections and each multipart body built once before the clock starts.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';

const [url, token, vorgangId, dir, countText, concurrencyText] = process.argv.slice(2);
const count = Number(countText);
const concurrency = Number(concurrencyText);
const boundary = 'verbund-bench-boundary-7d3f';
const bodies = await Promise.all(
  Array.from({ length: count }, async (_, i) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="dokument-${i}.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      await readFile(`${dir}/${i}.pdf`),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  ),
);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(`${url}/api/v1/vorgaenge/${vorgangId}/dokumente`);

function upload(body: Buffer) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

// The benchmark's clock starts at this line, after start-up and preparation.
process.stdout.write('bereit\n');
let next = 0;
let failed = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      if ((await upload(bodies[i]!)) !== 201) failed++;
    }
  }),
);
agent.destroy();
process.stdout.write(JSON.stringify({ failed }));
