import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.ts';
import { crossOrigin, isCrossSiteRequest } from '../../../platform/http/headers.ts';
import type { PortalDeps } from '../ozg.deps.ts';
import { registerEntwurfPages } from './entwurf.pages.tsx';
import { LeistungPage } from './leistung.page.tsx';
import { renderPortalError, withPortalErrors } from './portal-error.page.tsx';
import { portalLimits } from './portal-limits.ts';
import { PortalStartPage } from './start.page.tsx';
import { registerStatusPages } from './status.pages.tsx';

/**
 * The citizen portal at /portal: find a service, choose the municipality (→ responsible county),
 * fill the form page by page, check the summary, send, follow the status with the tracking code.
 * Plain HTML forms and redirects (POST → 303 → GET); no JavaScript needed, no account.
 */
export function registerPortalPages(app: Hono<AppEnv>, deps: PortalDeps) {
  const { leistungen } = deps.ozg;
  // Forms post only to our own origin (CSRF): a cross-site POST carries a foreign Origin header or
  // Sec-Fetch-Site: cross-site. No page is cached: drafts and status pages show personal data.
  app.use('/portal/*', async (c, next) => {
    if (c.req.method === 'POST' && isCrossSiteRequest(c)) return renderPortalError(c, crossOrigin());
    c.header('cache-control', 'no-store');
    await next();
  });
  const limits = portalLimits();

  app.get('/portal', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    return c.html(<PortalStartPage q={q} leistungen={await leistungen.listLeistungen({ q })} />);
  });

  app.get('/portal/leistungen/:id', async (c) =>
    withPortalErrors(c, async () => {
      const leistung = await leistungen.getLeistung(c.req.param('id'));
      const ort = (c.req.query('ort') ?? '').trim().slice(0, 100);
      const gemeinden = ort ? await leistungen.findGemeinden(ort) : [];
      return c.html(
        <LeistungPage
          leistung={leistung}
          ort={ort}
          gemeinden={gemeinden}
          error={c.req.query('fehler')?.slice(0, 300)}
        />,
      );
    }),
  );

  registerEntwurfPages(app, deps, limits);
  registerStatusPages(app, deps, limits);
}
