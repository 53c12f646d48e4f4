/**
 * Load generator for bench/antraege.ts, in its own process (as real portals are): sends `count`
 * requests with the given concurrency and prints the acknowledged ids and the latencies.
 *   mode submit:  POST /api/v1/antraege (small form, one attachment from `attachment`)
 *   mode trivial: GET /favicon.ico (the same server's cheapest route: the ceiling)
 */
import { readFile } from 'node:fs/promises';

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
const latencies: number[] = [];
const ids: string[] = [];
let failed = 0;
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrencyText) }, async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      let response: Response;
      if (mode === 'trivial') response = await fetch(`${url}/favicon.ico`);
      else {
        const [ags, plz, ort] = towns[i % towns.length]!;
        const form = new FormData();
        form.set('leistung', 'waffenbesitzkarte');
        form.set('gemeinde', ags);
        form.set(
          'daten',
          JSON.stringify({
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
          }),
        );
        // Each attachment differs in its first bytes (no deduplication shortcut in the blob store).
        const bytes = Buffer.from(attachment);
        bytes.write(`Anlage ${i} `, 0);
        form.set('V-F-SACHKUNDE', new Blob([bytes as BlobPart]), `sachkunde-${i}.pdf`);
        response = await fetch(`${url}/api/v1/antraege`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        });
      }
      const body = await response.text();
      latencies.push(performance.now() - t0);
      if (response.status === 201) ids.push(JSON.parse(body).id);
      else if (response.status !== 204) failed++;
    }
  }),
);
process.stdout.write(
  JSON.stringify({ seconds: (performance.now() - started) / 1000, failed, ids, latencies }),
);
