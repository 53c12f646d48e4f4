import type { TestContext } from './context.ts';

/**
 * The staff API of the council as a test fixture uses it: `call` answers the JSON of a 2xx and throws
 * with method, path, status and body otherwise; `upload` adds an Anlage to a Vorlage (201 or throw).
 */
export function councilApi({ t, token }: { t: TestContext; token: string }) {
  const call = async (method: string, path: string, json?: unknown) => {
    const res = await t.request(`/api/v1${path}`, { method, token, json });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json;
  };
  const upload = async (
    vorlageId: string,
    titel: string,
    oeffentlich: boolean,
    name: string,
    content: string,
  ) => {
    const form = new FormData();
    form.set('datei', new File([content], name, { type: 'text/plain' }));
    form.set('titel', titel);
    form.set('oeffentlich', String(oeffentlich));
    const res = await t.request(`/api/v1/vorlagen/${vorlageId}/anlagen`, { token, body: form });
    if (res.status !== 201) throw new Error(`upload ${titel}: ${res.status} ${res.text}`);
    return res.json;
  };
  return { call, upload };
}
