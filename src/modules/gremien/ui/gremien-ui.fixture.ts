import type { TestContext } from '../../../../test/support/context.ts';
import { DEMO_PASSWORD } from '../../../demo/verbund.seed.ts';
import type { Principal } from '../../../platform/http/principal.ts';

/** A signed-in demo person of a county: their session cookie and CSRF token, as a browser holds them. */
export async function sessionOf(t: TestContext, tenantId: string, login: string) {
  const { cookie } = await t.services.identity.login({ tenantId, login, password: DEMO_PASSWORD });
  const principal = await t.services.identity.resolveSession(cookie);
  return { cookie: `verbund_session=${cookie}`, csrf: principal!.csrfToken! };
}
export type Session = Awaited<ReturnType<typeof sessionOf>>;

/** GET a page as that person. */
export async function getPage(t: TestContext, s: Session, path: string) {
  const r = await t.app.request(path, { headers: { cookie: s.cookie, accept: 'text/html' } });
  return { status: r.status, location: r.headers.get('location'), html: await r.text() };
}

/** POST a form as that person (with the CSRF token unless `csrf: false`). */
export async function postForm(
  t: TestContext,
  s: Session,
  path: string,
  fields: Record<string, string | string[]>,
  { csrf = true } = {},
) {
  const body = new URLSearchParams();
  if (csrf) body.append('_csrf', s.csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const r = await t.app.request(path, {
    method: 'POST',
    headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  return { status: r.status, location: r.headers.get('location'), html: await r.text() };
}

/** The flash text of a redirect's `?ok=`/`?fehler=`. */
export const flashOf = (location: string | null) => {
  const q = new URL(location ?? '/', 'http://x').searchParams;
  return { ok: q.get('ok'), fehler: q.get('fehler') };
};

/** A script acting for the county with every council role (to lay out data the pages then show). */
export const officeOf = (tenantId: string): Principal => ({
  tenantId,
  userId: null,
  login: null,
  displayName: 'Testaufbau',
  roles: ['kreis-admin', 'leitung', 'sachbearbeitung'],
  via: 'token',
  tokenId: 'gremien-ui-test',
});

/** A Kreistag with three voting seats, a Wahlperiode and three members (plus one without a seat). */
export async function seedKreistag(t: TestContext, tenantId: string, kuerzel = 'KTUI') {
  const m = t.services.gremien;
  const office = officeOf(tenantId);
  const gremium = await m.gremien.createGremium(office, {
    name: `Kreistag ${kuerzel}`,
    kuerzel,
    art: 'kreistag',
    sitze: 3,
  });
  const wp = await m.mitglieder.createWahlperiode(office, {
    name: `2019–2024 ${kuerzel}`,
    beginn: '2019-07-01',
    ende: '2024-06-30',
  });
  const namen = ['Albrecht', 'Bauer', 'Conrad'];
  const personen = [];
  for (const familienname of namen) {
    const p = await m.mitglieder.createPerson(office, { familienname, vorname: 'Beispiel' });
    await m.mitglieder.addMitglied(office, gremium.id, {
      personId: p.id,
      wahlperiodeId: wp.id,
      von: '2019-07-01',
      bis: '2024-06-30',
      fraktion: 'Fraktion A (Beispieldaten)',
    });
    personen.push(p);
  }
  const fremd = await m.mitglieder.createPerson(office, { familienname: 'Ohnesitz', vorname: 'Beispiel' });
  return { gremium, wahlperiode: wp, personen, fremd, office };
}
