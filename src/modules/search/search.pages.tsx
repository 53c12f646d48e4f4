import type { Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { toAppError } from '../../platform/http/problem.ts';
import { type MemberNames, pageFrame, toLogin } from '../../platform/ui/page-frame.ts';
import { pageFromQuery } from '../../platform/ui/pager.tsx';
import type { SearchFacets } from './search.facets.ts';
import type { SearchFilter } from './search.models.ts';
import type { createSearchUsecases } from './search.usecases.ts';

type SearchUsecases = Pick<ReturnType<typeof createSearchUsecases>, 'search'>;

import { SuchePage } from './search.page.tsx';

/** What the search page uses, given by the composition root. */
export type SearchPagesDeps = {
  search: SearchUsecases;
  facets: SearchFacets;
  verbund: MemberNames;
};

const FILTER_KEYS = ['q', 'aktenplan', 'art', 'vorgangStatus', 'von', 'bis'] as const;

/** The search page of the E-Akte (staff). A faulty query shows its German message on the page. */
export function registerSearchPages(app: Hono<AppEnv>, { search, facets, verbund }: SearchPagesDeps) {
  app.use('/suche', resolvePrincipal, csrfProtection);

  app.get('/suche', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const { principal } = frame;
    const filter = Object.fromEntries(FILTER_KEYS.map((k) => [k, c.req.query(k) || undefined])) as Record<
      (typeof FILTER_KEYS)[number],
      string | undefined
    >;
    const page = pageFromQuery(c);
    const units = await facets.aktenplanUnits(principal);
    let result = null;
    let error: string | undefined;
    // Without a query or filter the page lists the newest documents, with their facets.
    try {
      result = await search.search(
        principal,
        { ...filter, art: filter.art as SearchFilter['art'] },
        page,
        facets,
      );
    } catch (e) {
      const appError = toAppError(e);
      if (appError.status >= 500) throw e;
      error = appError.messageDe;
    }
    return c.html(
      <SuchePage
        principal={principal}
        tenantName={frame.tenantName}
        filter={filter}
        result={result}
        units={units}
        labels={facets}
        page={page}
        error={error}
      />,
    );
  });
}
