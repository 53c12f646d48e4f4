import type { Context, Hono } from 'hono';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { GremienPage, GremiumPage } from './gremium.page.tsx';
import { KalenderPage, KreisePage } from './kalender.page.tsx';
import { publicResponse } from './ratsinfo.caching.ts';
import { createFeedCache, gremiumIcs } from './ratsinfo.ical.ts';
import type { KreisDirectory } from './ratsinfo.models.ts';
import { SITEMAP_PAGE, sitemapIndex, urlSet } from './ratsinfo.sitemap.ts';
import { createRatsinfoUsecases } from './ratsinfo.usecases.ts';
import { withRatsinfoErrors } from './ratsinfo-error.page.tsx';
import { SitzungPage } from './sitzung.page.tsx';
import { SuchePage } from './suche.page.tsx';
import { SUCHE_LIMIT } from './suche.usecases.ts';
import { VorlagePage } from './vorlage.page.tsx';

export type RatsinfoPagesDeps = { database: DatabaseHandle; verbund: KreisDirectory; blobs: BlobStore };

type Jsx = { toString(): string | Promise<string> };
const HTML = 'text/html; charset=UTF-8';

/** The absolute address of the site (PUBLIC_URL, else the request's origin) for iCal and sitemap. */
const originOf = (c: Context<AppEnv>) =>
  (c.get('platform').config.server.publicUrl ?? new URL(c.req.url).origin).replace(/\/$/, '');

/**
 * The public council pages at /ratsinfo: no account, server-rendered HTML that needs no JavaScript,
 * an iCal feed per Gremium and a sitemap. Every answer carries ETag, Last-Modified (where the data
 * says when it changed) and `Cache-Control: public`; a current copy gets 304.
 */
export function registerRatsinfoPages(app: Hono<AppEnv>, deps: RatsinfoPagesDeps) {
  const ratsinfo = createRatsinfoUsecases({ database: deps.database, members: deps.verbund });
  const feeds = createFeedCache();
  const page = async (c: Context<AppEnv>, jsx: Jsx, lastModified: Date | null) =>
    publicResponse(c, { body: `<!DOCTYPE html>${await jsx.toString()}`, contentType: HTML, lastModified });
  const get = (path: string, handler: (c: Context<AppEnv>) => Promise<Response>) =>
    app.get(path, (c) => withRatsinfoErrors(c, () => handler(c)));
  const kreisOf = (c: Context<AppEnv>) => c.req.param('kreis') ?? '';
  const param = (c: Context<AppEnv>, name: string) => c.req.param(name) ?? '';

  get('/ratsinfo', async (c) => page(c, <KreisePage kreise={await ratsinfo.kreise()} />, null));
  get('/ratsinfo/sitemap.xml', async (c) => {
    const origin = originOf(c);
    const body = sitemapIndex((await ratsinfo.kreise()).map((k) => `${origin}/ratsinfo/${k.id}/sitemap.xml`));
    return publicResponse(c, { body, contentType: 'application/xml; charset=UTF-8', lastModified: null });
  });
  get('/ratsinfo/:kreis', async (c) => c.redirect(`/ratsinfo/${encodeURIComponent(kreisOf(c))}/`, 301));

  get('/ratsinfo/:kreis/', async (c) => {
    const view = await ratsinfo.kalender({ kreis: kreisOf(c), monat: c.req.query('monat') || undefined });
    return page(c, <KalenderPage {...view} />, view.stand);
  });
  get('/ratsinfo/:kreis/sitzungen/:id', async (c) => {
    const view = await ratsinfo.sitzung({ kreis: kreisOf(c), id: param(c, 'id') });
    return page(c, <SitzungPage {...view} />, view.stand);
  });
  get('/ratsinfo/:kreis/vorlagen/:id', async (c) => {
    const view = await ratsinfo.vorlage({ kreis: kreisOf(c), id: param(c, 'id') });
    return page(c, <VorlagePage {...view} />, view.stand);
  });
  get('/ratsinfo/:kreis/vorlagen/:id/anlagen/:anlage', async (c) => {
    const anlage = await ratsinfo.anlage({
      kreis: kreisOf(c),
      vorlageId: param(c, 'id'),
      anlageId: param(c, 'anlage'),
    });
    const etag = `"${anlage.sha256}"`;
    const headers = { etag, 'cache-control': 'public, max-age=3600' };
    if (c.req.header('if-none-match')?.includes(etag)) return c.body(null, 304, headers);
    const { body, size } = await deps.blobs.stream(anlage.sha256);
    const ascii = anlage.dateiname.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return new Response(body, {
      headers: {
        ...headers,
        'content-type': anlage.mime,
        'content-length': String(size),
        'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(anlage.dateiname)}`,
        'last-modified': anlage.updated_at.toUTCString(),
      },
    });
  });
  get('/ratsinfo/:kreis/gremien', async (c) => {
    const view = await ratsinfo.gremien({ kreis: kreisOf(c) });
    return page(c, <GremienPage {...view} />, view.stand);
  });
  get('/ratsinfo/:kreis/gremien/:id', async (c) => {
    const view = await ratsinfo.gremium({
      kreis: kreisOf(c),
      id: param(c, 'id'),
      wahlperiode: c.req.query('wahlperiode'),
    });
    return page(c, <GremiumPage {...view} />, view.stand);
  });
  get('/ratsinfo/:kreis/gremien/:id/kalender.ics', async (c) => {
    const feed = await ratsinfo.feed({ kreis: kreisOf(c), id: param(c, 'id') });
    const origin = originOf(c);
    // Every change of a session raises its sequenz: their sum changes even within one millisecond.
    const changed = Math.max(
      feed.gremium.updated_at.getTime(),
      ...feed.sitzungen.map((x) => x.updated_at.getTime()),
    );
    const sequenzen = feed.sitzungen.reduce((sum, x) => sum + x.sequenz, 0);
    const key = [origin, feed.kreis.id, feed.gremium.id, changed, feed.sitzungen.length, sequenzen].join(' ');
    const body = feeds(key, () =>
      gremiumIcs({ ...feed, sitzungUrl: (id) => `${origin}/ratsinfo/${feed.kreis.id}/sitzungen/${id}` }),
    );
    return publicResponse(c, { body, contentType: 'text/calendar; charset=UTF-8', lastModified: feed.stand });
  });
  get('/ratsinfo/:kreis/suche', async (c) => {
    const q = (c.req.query('q') ?? '').trim();
    const offset = Math.min(Math.max(Number.parseInt(c.req.query('offset') ?? '0', 10) || 0, 0), 10_000);
    const view = await ratsinfo.suche({ kreis: kreisOf(c), q, offset });
    return page(c, <SuchePage {...view} offset={offset} limit={SUCHE_LIMIT} />, null);
  });
  get('/ratsinfo/:kreis/sitemap.xml', async (c) => {
    const { kreis, gremien, sitzungen, vorlagen } = await ratsinfo.sitemap({ kreis: kreisOf(c) });
    const base = `${originOf(c)}/ratsinfo/${kreis.id}`;
    const urls = [
      { loc: `${base}/` },
      { loc: `${base}/gremien` },
      ...gremien.map((g) => ({ loc: `${base}/gremien/${g.id}`, lastmod: g.updated_at })),
      ...sitzungen.map((s) => ({ loc: `${base}/sitzungen/${s.id}`, lastmod: s.updated_at })),
      ...vorlagen.map((v) => ({ loc: `${base}/vorlagen/${v.id}`, lastmod: v.updated_at })),
    ];
    const seite = Math.max(Number.parseInt(c.req.query('seite') ?? '1', 10) || 1, 1);
    const pages = Math.ceil(urls.length / SITEMAP_PAGE);
    const body =
      pages > 1 && !c.req.query('seite')
        ? sitemapIndex(Array.from({ length: pages }, (_, i) => `${base}/sitemap.xml?seite=${i + 1}`))
        : urlSet(urls.slice((seite - 1) * SITEMAP_PAGE, seite * SITEMAP_PAGE));
    return publicResponse(c, { body, contentType: 'application/xml; charset=UTF-8', lastModified: null });
  });
}
