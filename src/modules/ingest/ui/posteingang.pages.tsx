import type { Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { pageFrame, toLogin } from '../../../platform/ui/page-frame.ts';
import { pageFromQuery } from '../../../platform/ui/pager.tsx';
import { registerDokumentVorschlaegePages } from './dokument-vorschlaege.pages.tsx';
import { registerImportePages } from './importe.pages.tsx';
import { registerMailPages } from './mail.pages.tsx';
import { registerOrdnerPages } from './ordner.pages.tsx';
import type { PosteingangPagesDeps } from './posteingang-ui.deps.ts';
import { UebersichtPage } from './uebersicht.page.tsx';
import { KANAELE, type Kanal } from './uebersicht.repository.ts';
import { loadUebersicht } from './uebersicht.usecases.ts';

/** The overview pages at most this far back (25 a page): older intake is in each channel's own log. */
const MAX_OFFSET = 1000;

/**
 * The staff pages of the Posteingang (Kreis-Administration, like the API): overview, consume
 * folders, bulk import, e-mail intake, and the "Übernehmen" of a document's suggestions. Every
 * action is a form POST with the CSRF token that redirects back (works without JavaScript).
 */
export function registerPosteingangPages(
  app: Hono<AppEnv>,
  deps: PosteingangPagesDeps & { canWrite: (principal: Principal) => boolean },
) {
  for (const path of ['/posteingang', '/posteingang/*']) app.use(path, resolvePrincipal, csrfProtection);

  app.get('/posteingang', async (c) => {
    const frame = await pageFrame(c, deps.verbund);
    if (!frame) return toLogin(c);
    const wanted = c.req.query('kanal') ?? '';
    const kanal = (KANAELE as readonly string[]).includes(wanted) ? (wanted as Kanal) : undefined;
    const page = pageFromQuery(c, 25);
    const offset = Math.min(page.offset, MAX_OFFSET);
    const { items, more } = await loadUebersicht(deps, {
      principal: frame.principal,
      kanal,
      limit: page.limit,
      offset,
    });
    return c.html(
      <UebersichtPage
        frame={frame}
        items={items}
        kanal={kanal}
        offset={offset}
        limit={page.limit}
        more={more && offset + page.limit <= MAX_OFFSET}
      />,
    );
  });

  registerOrdnerPages(app, deps);
  registerImportePages(app, deps);
  registerMailPages(app, deps);
  registerDokumentVorschlaegePages(app, deps);
}
