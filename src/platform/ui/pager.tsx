import type { Context } from 'hono';

/** The page of a paged list from the query's `offset` (at most 1,000,000), `limit` entries a page. */
// biome-ignore lint/suspicious/noExplicitAny: any environment; only the query is read
export const pageFromQuery = (c: Context<any>, limit = 25) => ({
  limit,
  offset: Math.min(Math.max(Number.parseInt(c.req.query('offset') ?? '0', 10) || 0, 0), 1_000_000),
});

/**
 * Previous/next links of a paged list ("1–50 von 230"); nothing when everything fits one page.
 * `base` is the list's URL with its filters; the offset is appended.
 */
export function Pager({
  total,
  page,
  base,
}: {
  total: number;
  page: { limit: number; offset: number };
  base: string;
}) {
  if (total <= page.limit) return null;
  const join = base.includes('?') ? '&' : '?';
  const prev = page.offset > 0 ? Math.max(0, page.offset - page.limit) : null;
  const next = page.offset + page.limit < total ? page.offset + page.limit : null;
  return (
    <nav class="vb-pager" aria-label="Seiten">
      {prev !== null ? (
        <a class="kern-link" href={`${base}${join}offset=${prev}`}>
          Vorherige Seite
        </a>
      ) : null}
      <span class="kern-body">
        {' '}
        {page.offset + 1}–{Math.min(total, page.offset + page.limit)} von {total}{' '}
      </span>
      {next !== null ? (
        <a class="kern-link" href={`${base}${join}offset=${next}`}>
          Nächste Seite
        </a>
      ) : null}
    </nav>
  );
}
