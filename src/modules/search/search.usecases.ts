import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { checkDate } from '../../shared/dates.ts';
import { wordMatcher } from './analyzer/word-matcher.ts';
import { invalidAkteFilter } from './search.errors.ts';
import { emptyFacetten, type FacetLabels, facettenOf } from './search.facets.ts';
import { type DokumentScope, withRowVisibility } from './search.filters.repository.ts';
import { COUNT_LIMIT, type SearchFilter, type SearchHit } from './search.models.ts';
import { parseSearchQuery } from './search.query.ts';
import { countDokumente, findDokumente } from './search.repository.ts';
import { buildSnippet, snippetChars } from './search.snippets.ts';
import { timed } from './search.stages.ts';
import { suggestCorrection } from './search.suggest.ts';

/** The visibility rule of the E-Akte (records' viewer), given to search by the composition root. */
export type DokumentScopeOf = (trx: TenantTrx, principal: Principal) => Promise<DokumentScope>;

export function createSearchUsecases({
  database,
  dokumentScope,
}: {
  database: DatabaseHandle;
  dokumentScope: DokumentScopeOf;
}) {
  return {
    /** One page of hits with the total and the facet counts (kinds and states named by `labels`). */
    async search(
      principal: Principal,
      filter: SearchFilter,
      page: { limit: number; offset: number },
      labels: FacetLabels = { dokumentArtLabels: {}, vorgangStatusLabels: {} },
    ) {
      const q = (filter.q ?? '').slice(0, 500);
      const terms = parseSearchQuery(q);
      const positive = terms.filter((t) => t.kind !== 'reference' && !t.negated);
      const references = terms.filter((t) => t.kind === 'reference' && !t.negated).map((t) => t.value);
      const von = checkDate(filter.von, 'von');
      const bis = checkDate(filter.bis, 'bis');
      if (filter.akteId && !/^[0-9a-f-]{36}$/i.test(filter.akteId)) throw invalidAkteFilter();

      return database.withTenant(principal.tenantId, async (trx) => {
        const scope = await dokumentScope(trx, principal);
        const checked = { ...filter, von: von ?? undefined, bis: bis ?? undefined };
        const textChars = snippetChars({ listing: positive.length === 0 && references.length === 0 });
        const rows = await findDokumente(trx, {
          scope,
          terms,
          filter: checked,
          page,
          textChars,
          beside: (work) => database.withTenantBeside(principal.tenantId, work),
        });
        if (rows.length === 0) {
          // "Meinten Sie …?" (search.suggest.ts), on the first page only: past the last page is no typo.
          const vorschlag =
            page.offset === 0
              ? await timed('suggest', async () =>
                  suggestCorrection({
                    trx,
                    // Its probes check the rule on each document's own columns where they can.
                    scope: await withRowVisibility(trx, scope),
                    q,
                    terms,
                    count: async (corrected) =>
                      Math.min(
                        COUNT_LIMIT,
                        await countDokumente(trx, { scope, terms: corrected, filter: checked }),
                      ),
                  }),
                )
              : null;
          return {
            items: [] as SearchHit[],
            total: 0,
            totalRelation: 'eq' as const,
            facetten: emptyFacetten(),
            ...(vorschlag ? { vorschlag } : {}),
          };
        }

        // Snippets for this page only: words matched by the same analysis as the index.
        const matchesWord = wordMatcher(positive);
        const known = new Map<string, boolean>();
        const items: SearchHit[] = await timed('snippets', () =>
          rows.map((r) => {
            const body = r.text?.trim() ? r.text : r.titel;
            return {
              dokumentId: r.id,
              titel: r.titel,
              snippet: buildSnippet(body, matchesWord, references, undefined, known),
              rang: Number(r.rang),
              art: r.art,
              datum: r.datum,
              mime: r.mime ?? 'application/octet-stream',
              textStatus: r.text_status,
              vorgangId: r.vorgang_id,
              betreff: r.betreff,
              vorgangStatus: r.vorgang_status,
              akteId: r.akte_id,
              aktenzeichen: r.aktenzeichen,
              aktenplan: r.kennzeichen,
            };
          }),
        );
        const total = Math.min(COUNT_LIMIT, Number(rows[0]!.total));
        // Like Elasticsearch's track_total_hits: exact up to COUNT_LIMIT, beyond that a lower bound (also
        // for a phrase whose words are in more documents than are checked for it). The facets count
        // the same matches: exact or lower bounds alike.
        const vollstaendig = rows[0]!.vollstaendig;
        const facetten = facettenOf({ rows: rows[0]!.facetten, vollstaendig, labels });
        return { items, total, totalRelation: vollstaendig ? ('eq' as const) : ('gte' as const), facetten };
      });
    },
  };
}
