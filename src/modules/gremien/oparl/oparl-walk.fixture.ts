import type { TestContext } from '../../../../test/support/context.ts';

const ORIGIN = 'http://localhost';

/**
 * Walks OParl from a URL the way a harvesting client does: every URL of this server found in an
 * answer is followed (lists page by page, files' access and download URLs). Direct object URLs are
 * followed for at most `objectsPerType` objects of each type (the lists already carry every object
 * in full); `onlyBody` keeps the walk inside one Body.
 */
export async function walkOparl(
  t: TestContext,
  {
    start = '/oparl/v1.1/',
    onlyBody,
    objectsPerType = 3,
  }: { start?: string; onlyBody?: string; objectsPerType?: number } = {},
) {
  const queue = [`${ORIGIN}${start}`];
  const seen = new Set(queue);
  const responses: Array<{ url: string; status: number; text: string; contentType: string }> = [];
  const objects: Array<Record<string, unknown>> = [];
  const perType = new Map<string, number>();

  const enqueue = (url: string) => {
    if (seen.has(url) || !url.startsWith(`${ORIGIN}/oparl/v1.1/`)) return;
    if (onlyBody && url.includes('/body/') && !url.includes(`/body/${onlyBody}`)) return;
    const m = /\/body\/[^/]+\/([A-Za-z]+)\/[0-9a-f-]{36}$/.exec(url);
    if (m) {
      const n = perType.get(m[1]!) ?? 0;
      if (n >= objectsPerType) return;
      perType.set(m[1]!, n + 1);
    }
    seen.add(url);
    queue.push(url);
  };
  const collect = (value: unknown, top: boolean) => {
    if (typeof value === 'string') enqueue(value);
    else if (Array.isArray(value)) for (const v of value) collect(v, false);
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('https://schema.oparl.org/1.1/') && !top)
        objects.push(o);
      for (const v of Object.values(o)) collect(v, false);
    }
  };

  while (queue.length > 0) {
    const url = queue.shift()!;
    const res = await t.app.request(url);
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    responses.push({ url, status: res.status, text, contentType });
    if (!contentType.startsWith('application/json')) continue;
    const json = JSON.parse(text) as Record<string, unknown>;
    if (Array.isArray(json.data)) {
      collect(json.data, false);
      collect(json.links, false);
    } else {
      objects.push(json);
      collect(json, true);
    }
  }
  return { responses, objects };
}
