// The HTTP part of bench:steuerung: every Steuerung page and API view over real HTTP (fetch against
// the bench instance's server), as the Serviceteam (verbund-admin, every county) and as a county
// user (own county plus Verbund totals), incl. a CSV and an XLSX export.
import { DEMO_PASSWORD } from '../src/demo/verbund.seed.ts';
import type { startBenchInstance } from './support.ts';

type Instance = Awaited<ReturnType<typeof startBenchInstance>>;
export type Ansicht = [name: string, lauf: () => Promise<unknown>];

/** A signed-in person's GET: the session cookie for pages, a Bearer token for the API. */
async function person(instance: Instance, tenantId: string, login: string) {
  const { identity } = instance.services;
  const { cookie } = await identity.login({ tenantId, login, password: DEMO_PASSWORD });
  const user = await identity.resolveSession(cookie);
  const { token } = await identity.createApiToken({
    tenantId,
    roles: user!.roles,
    userLogin: login,
    actor: 'bench',
  });
  const get = async (pfad: string) => {
    const api = pfad.startsWith('/api/');
    const r = await fetch(`${instance.url}${pfad}`, {
      headers: api
        ? { authorization: `Bearer ${token}` }
        : { cookie: `verbund_session=${cookie}`, accept: 'text/html' },
    });
    const body = Buffer.from(await r.arrayBuffer());
    if (r.status !== 200) throw new Error(`GET ${pfad} als ${login}@${tenantId}: HTTP ${r.status} ${body}`);
    return body;
  };
  return { get };
}

/** The views to measure: page and report of this and last year, the Fördermittel pages, every figure table, two exports. */
export async function httpAnsichten(instance: Instance): Promise<Ansicht[]> {
  const serviceteam = await person(instance, 'unstrut-hainich-kreis', 'serviceteam');
  const kreis = await person(instance, 'nordhausen', 'sachbearbeitung');
  const jahr = new Date().getUTCFullYear();
  const bericht = JSON.parse(String(await serviceteam.get(`/api/v1/steuerung?jahr=${jahr}`))) as {
    abschnitte: Array<{ kennzahlen: Array<{ key: string }> }>;
  };
  const keys = bericht.abschnitte.flatMap((a) => a.kennzahlen.map((k) => k.key));
  const ansichten: Ansicht[] = [];
  for (const [wer, p] of [
    ['Serviceteam', serviceteam],
    ['Kreis', kreis],
  ] as const) {
    for (const j of [jahr, jahr - 1]) {
      ansichten.push([`HTTP Seite /steuerung ${j} (${wer})`, () => p.get(`/steuerung?jahr=${j}`)]);
      ansichten.push([`HTTP API /steuerung ${j} (${wer})`, () => p.get(`/api/v1/steuerung?jahr=${j}`)]);
    }
  }
  // The Fördermittel pages: the list of each, and one grant's page where the county has one.
  for (const [wer, p] of [
    ['Serviceteam', serviceteam],
    ['Kreis', kreis],
  ] as const) {
    ansichten.push([`HTTP Seite /steuerung/foerdermittel (${wer})`, () => p.get('/steuerung/foerdermittel')]);
    const liste = JSON.parse(String(await p.get('/api/v1/steuerung/foerdermittel'))) as {
      items: Array<{ id: string }>;
    };
    const id = liste.items[0]?.id;
    if (id)
      ansichten.push([
        `HTTP Seite /steuerung/foerdermittel/{id} (${wer})`,
        () => p.get(`/steuerung/foerdermittel/${id}`),
      ]);
  }
  // The Reifegrad pages: the list of each, and one Leistung with its criteria form.
  for (const [wer, p] of [
    ['Serviceteam', serviceteam],
    ['Kreis', kreis],
  ] as const) {
    ansichten.push([`HTTP Seite /steuerung/reifegrad (${wer})`, () => p.get('/steuerung/reifegrad')]);
    ansichten.push([
      `HTTP Seite /steuerung/reifegrad/wohngeld (${wer})`,
      () => p.get('/steuerung/reifegrad/wohngeld'),
    ]);
  }
  for (const key of keys)
    ansichten.push([
      `HTTP API Kennzahl ${key} (Serviceteam)`,
      () => serviceteam.get(`/api/v1/steuerung/kennzahlen/${key}?jahr=${jahr}`),
    ]);
  const export1 = keys.find((k) => k.includes('nachnutzung')) ?? keys[0]!;
  const export2 = keys.find((k) => k.includes('antraege') || k.includes('bearbeitung')) ?? keys[0]!;
  for (const [wer, p] of [
    ['Serviceteam', serviceteam],
    ['Kreis', kreis],
  ] as const) {
    ansichten.push([
      `HTTP CSV ${export2} (${wer})`,
      () => p.get(`/api/v1/steuerung/kennzahlen/${export2}/export?format=csv&jahr=${jahr}`),
    ]);
    ansichten.push([
      `HTTP XLSX ${export1} (${wer})`,
      () => p.get(`/api/v1/steuerung/kennzahlen/${export1}/export?format=xlsx&jahr=${jahr}`),
    ]);
  }
  return ansichten;
}
