/**
 * Load generator for bench/ingest.ts, in its own process (as real clients are): uploads the PDFs
 * in `dir` to one Vorgang with the given concurrency and reports when all were acknowledged.
 */
import { readFile } from 'node:fs/promises';

const [url, token, vorgangId, dir, countText, concurrencyText] = process.argv.slice(2);
const count = Number(countText);
const files = await Promise.all(Array.from({ length: count }, (_, i) => readFile(`${dir}/${i}.pdf`)));
let next = 0;
let failed = 0;
await Promise.all(
  Array.from({ length: Number(concurrencyText) }, async () => {
    while (next < count) {
      const i = next++;
      const form = new FormData();
      form.set('datei', new Blob([files[i]! as BlobPart]), `dokument-${i}.pdf`);
      const response = await fetch(`${url}/api/v1/vorgaenge/${vorgangId}/dokumente`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      if (response.status !== 201) failed++;
      await response.arrayBuffer();
    }
  }),
);
process.stdout.write(JSON.stringify({ failed }));
