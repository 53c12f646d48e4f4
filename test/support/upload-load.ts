import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { letters, type VerbundInstallation } from './verbund-process.ts';

/**
 * Upload load for the crash tests and benchmarks: parallel clients that file small distinct text
 * files until stopped, and the check a county would make afterwards — every acknowledged upload
 * found by the search, stored once, with its content. Figures only; the caller decides what fails.
 */

export type Acknowledged = { word: string; id: string; sha256: string };

type Api = { url: string; token: string };

/** A request to the API of a running instance with a bearer token (answers within 20 s). */
export const api = ({ url, token }: Api, requestPath: string, init: RequestInit = {}) =>
  fetch(`${url}/api/v1${requestPath}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
    signal: AbortSignal.timeout(20_000),
  });

/**
 * `clients` clients upload into one Vorgang until `stop()`. Each file carries a word of its own
 * (`<prefix><letters>`) and the word all files of the run share (`<prefix>probe`); `padding`
 * makes each file take a moment to spool. Answers are counted by status, or by error name for a
 * request that got no answer; a client told to come back later does so after 200 ms.
 */
export function startUploadLoad({
  url,
  token,
  vorgangId,
  prefix,
  clients = 8,
  padding = 0,
}: Api & { vorgangId: string; prefix: string; clients?: number; padding?: number }) {
  const acknowledged: Acknowledged[] = [];
  const answers: Record<string, number> = {};
  const problems: Array<{ status: number; contentType: string | null; body: string }> = [];
  /** Acknowledged with a hash other than that of the bytes sent. */
  const wrongHash: string[] = [];
  let slowestMs = 0;
  let seq = 0;
  let stopped = false;
  const count = (key: string) => {
    answers[key] = (answers[key] ?? 0) + 1;
  };
  async function client() {
    while (!stopped) {
      const word = `${prefix}${letters(seq++ * 7 + 1000)}`;
      const content = `Aktenvermerk ${word} zur ${prefix}probe: Wiederanlauf.\n${'Lorem ipsum dolor sit amet. '.repeat(padding)}\n`;
      const sha256 = createHash('sha256').update(content).digest('hex');
      const form = new FormData();
      form.set('datei', new Blob([content], { type: 'text/plain' }), `${word}.txt`);
      const started = performance.now();
      try {
        const response = await api({ url, token }, `/vorgaenge/${vorgangId}/dokumente`, {
          method: 'POST',
          body: form,
        });
        const body = await response.text();
        slowestMs = Math.max(slowestMs, performance.now() - started);
        count(String(response.status));
        if (response.status === 201) {
          const result = JSON.parse(body) as { id: string; sha256: string };
          if (result.sha256 !== sha256) wrongHash.push(word);
          acknowledged.push({ word, sha256, id: result.id });
          continue;
        }
        problems.push({ status: response.status, contentType: response.headers.get('content-type'), body });
      } catch (error) {
        count((error as Error).name);
      }
      await sleep(200);
    }
  }
  const running = Array.from({ length: clients }, () => client());
  return {
    acknowledged,
    answers,
    problems,
    wrongHash,
    slowestMs: () => Math.round(slowestMs),
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

/**
 * Polls the search until every acknowledged upload is found or `withinMs` have passed since
 * `since`; returns the time from `since` until the last was found, and those never found. Each
 * round pages through the run's shared word, then asks for each upload still missing by its own
 * word (when few are left). At the end the pages are read once more: uploads found but not on them
 * are counted (`notOnPages`), so that pages which skip documents show up as a figure.
 */
export async function awaitSearchable({
  url,
  token,
  acknowledged,
  prefix,
  since,
  withinMs,
}: Api & { acknowledged: Acknowledged[]; prefix: string; since: number; withinMs: number }) {
  const found = new Set<string>();
  const hits = async (query: string) => {
    const response = await api({ url, token }, `/suche?${query}`).catch(() => undefined);
    if (response?.status !== 200) return [];
    return ((await response.json()) as { items: Array<{ dokumentId: string }> }).items;
  };
  const readPages = async (into: Set<string>) => {
    for (let offset = 0; ; offset += 200) {
      const items = await hits(`q=${prefix}probe&limit=200&offset=${offset}`);
      for (const hit of items) into.add(hit.dokumentId);
      if (items.length < 200) return into;
    }
  };
  const missing = () => acknowledged.filter((upload) => !found.has(upload.id));
  while (found.size < acknowledged.length && performance.now() - since < withinMs) {
    await readPages(found);
    const left = missing();
    if (left.length > 0 && left.length <= 100)
      for (const upload of left)
        if ((await hits(`q=${upload.word}&limit=5`)).some((hit) => hit.dokumentId === upload.id))
          found.add(upload.id);
    if (found.size < acknowledged.length) await sleep(250);
  }
  const ms = Math.round(performance.now() - since);
  const onPages = await readPages(new Set());
  return {
    ms,
    missing: missing(),
    notOnPages: acknowledged.filter((upload) => found.has(upload.id) && !onPages.has(upload.id)).length,
  };
}

/**
 * What is stored of the acknowledged uploads: versions per hash (a retry or a double commit would
 * make two), content read back and hashed again, and each found by the search for its own word.
 */
export async function checkStored({
  url,
  token,
  installation,
  acknowledged,
}: Api & { installation: VerbundInstallation; acknowledged: Acknowledged[] }) {
  const rows = await installation.observe<{ sha256: string; n: number }>(
    'select sha256, count(*)::int as n from dokument_versionen where sha256 = any($1) group by 1',
    [acknowledged.map((a) => a.sha256)],
  );
  const copies = new Map(rows.map((row) => [row.sha256, row.n]));
  const result = { absent: 0, duplicated: 0, wrongContent: 0, notFoundByOwnWord: 0 };
  for (const upload of acknowledged) {
    const n = copies.get(upload.sha256) ?? 0;
    if (n === 0) result.absent++;
    if (n > 1) result.duplicated++;
    const content = await api({ url, token }, `/dokumente/${upload.id}/inhalt`);
    const sha256 = createHash('sha256')
      .update(Buffer.from(await content.arrayBuffer()))
      .digest('hex');
    if (content.status !== 200 || sha256 !== upload.sha256) result.wrongContent++;
    const search = await api({ url, token }, `/suche?q=${upload.word}&limit=5`);
    const { items } = (await search.json()) as { items: Array<{ dokumentId: string }> };
    if (!items.some((hit) => hit.dokumentId === upload.id)) result.notFoundByOwnWord++;
  }
  return result;
}
