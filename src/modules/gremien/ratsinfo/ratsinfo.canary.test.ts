import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { KREIS, seedRatsinfo } from './ratsinfo.fixture.ts';

// The canary: in a non-public agenda item (and its resolution), a non-public Vorlage, non-public
// attachments, a draft Vorlage and the agenda of a planned session (sample data).
const CANARY = 'KANARIENVOGEL7731';

let t: TestContext;
let seeded: Awaited<ReturnType<typeof seedRatsinfo>>;
beforeAll(async () => {
  t = await createTestContext();
  seeded = await seedRatsinfo(t, CANARY);
});
afterAll(() => t.close());

/** The links of a public answer (HTML href, sitemap loc), same site, under /ratsinfo. */
function linksOf(body: string, origin: string) {
  const found = new Set<string>();
  for (const m of body.matchAll(/(?:href="([^"]+)"|<loc>([^<]+)<\/loc>)/g)) {
    const raw = (m[1] ?? m[2]!).replace(/&amp;/g, '&');
    const url = new URL(raw, `${origin}/`);
    if (url.origin === origin && url.pathname.startsWith('/ratsinfo')) found.add(url.pathname + url.search);
  }
  return found;
}

describe('nothing non-public appears on the public pages', () => {
  it('has the canary in the county data, so the crawl below can fail', async () => {
    const staff = await t.request(`/api/v1/vorlagen/${seeded.geheim.id}`, { token: seeded.token });
    expect(staff.text).toContain(CANARY);
    const agenda = await t.request(`/api/v1/sitzungen/${seeded.sitzung.id}`, { token: seeded.token });
    expect(agenda.text).toContain(CANARY);
  });

  it('never shows the canary on any page, feed, download or sitemap reachable from /ratsinfo', async () => {
    const origin = 'http://localhost';
    const queue = ['/ratsinfo', '/ratsinfo/sitemap.xml'];
    // Searches a visitor may type, the canary itself among them.
    for (const q of [
      CANARY,
      'Grundstück',
      'Grundstücksangelegenheit',
      'Haushaltsentwurf',
      'Zweckvereinbarung',
      '*',
      '',
    ])
      queue.push(`/ratsinfo/${KREIS}/suche?q=${encodeURIComponent(q)}`);
    const seen = new Set<string>();
    const kinds = new Set<string>();
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      expect(seen.size, 'the crawl ends').toBeLessThan(500);
      const res = await t.request(path, { headers: { accept: 'text/html' } });
      expect([200, 301], `${path} answers`).toContain(res.status);
      // A search page repeats what was typed (in the field and the heading); that is not a leak.
      const echo = new URL(path, origin).searchParams.get('q');
      const shown = echo ? res.text.replaceAll(`value="${echo}"`, '').replaceAll(`„${echo}“`, '') : res.text;
      expect(shown, `${path} shows the canary`).not.toContain(CANARY);
      expect(shown.toLowerCase(), path).not.toContain(CANARY.toLowerCase());
      const location = res.headers.get('location');
      if (location) queue.push(location);
      kinds.add(`${res.headers.get('content-type')?.split(';')[0]}`);
      if (/text\/html|xml/.test(res.headers.get('content-type') ?? ''))
        for (const link of linksOf(res.text, origin)) if (!seen.has(link)) queue.push(link);
    }
    // The crawl reached every kind of public answer and the objects around the canary.
    expect([...kinds].sort()).toEqual(['application/xml', 'text/calendar', 'text/html', 'text/plain']);
    const paths = [...seen].join('\n');
    expect(paths).toContain(`/ratsinfo/${KREIS}/sitzungen/${seeded.sitzung.id}`);
    expect(paths).toContain(`/ratsinfo/${KREIS}/sitzungen/${seeded.geplant.id}`);
    expect(paths).toContain(`/ratsinfo/${KREIS}/vorlagen/${seeded.publik.id}`);
    expect(paths).toContain(`/ratsinfo/${KREIS}/vorlagen/${seeded.publik.id}/anlagen/${seeded.anlage.id}`);
    expect(paths).toContain(`/ratsinfo/${KREIS}/gremien/${seeded.kreistag.id}/kalender.ics`);
    expect(paths).toContain(`/ratsinfo/${KREIS}/sitemap.xml`);
    expect(paths).not.toContain(seeded.geheim.id);
    expect(paths).not.toContain(seeded.entwurf.id);
  });

  it('answers 404 for the non-public Vorlage, the draft and the non-public attachments, even with their ids', async () => {
    for (const id of [seeded.geheim.id, seeded.entwurf.id]) {
      const res = await t.request(`/ratsinfo/${KREIS}/vorlagen/${id}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(CANARY);
    }
    const { rows } = await t.superuser.query<{ id: string; vorlage_id: string }>(
      'select id, vorlage_id from vorlage_anlagen where not oeffentlich',
    );
    expect(rows.length).toBe(2);
    for (const a of rows) {
      const res = await t.request(`/ratsinfo/${KREIS}/vorlagen/${a.vorlage_id}/anlagen/${a.id}`);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(CANARY);
    }
  });

  it('does not find the non-public Vorlage in the search, though it is published and indexed text', async () => {
    const res = await t.request(`/ratsinfo/${KREIS}/suche?q=${CANARY}`);
    expect(res.text).toContain('Keine Vorlage gefunden');
    const { rows } = await t.superuser.query<{ n: number }>(
      'select count(*)::int as n from ratsinfo_suche where vorlage_id = $1',
      [seeded.geheim.id],
    );
    expect(rows[0]!.n).toBe(0);
  });
});
