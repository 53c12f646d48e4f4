import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { checkDate } from '../../shared/dates.ts';
import { invalidAkteFilter } from './search.errors.ts';
import { COUNT_LIMIT, fold, type SearchFilter, type SearchHit } from './search.models.ts';
import { parseSearchQuery } from './search.query.ts';
import { type DokumentScope, findDokumente, loadCurrentTexts, queryStems } from './search.repository.ts';
import { buildSnippet } from './search.snippets.ts';

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
    async search(principal: Principal, filter: SearchFilter, page: { limit: number; offset: number }) {
      const q = (filter.q ?? '').slice(0, 500);
      const terms = parseSearchQuery(q);
      const positive = terms.filter((t) => t.kind !== 'reference' && !t.negated);
      const references = terms.filter((t) => t.kind === 'reference' && !t.negated).map((t) => t.value);
      const von = checkDate(filter.von, 'von');
      const bis = checkDate(filter.bis, 'bis');
      if (filter.akteId && !/^[0-9a-f-]{36}$/i.test(filter.akteId)) throw invalidAkteFilter();

      return database.withTenant(principal.tenantId, async (trx) => {
        const scope = await dokumentScope(trx, principal);
        const rows = await findDokumente(trx, {
          scope,
          terms,
          filter: { ...filter, von: von ?? undefined, bis: bis ?? undefined },
          page,
        });
        if (rows.length === 0) return { items: [] as SearchHit[], total: 0, totalRelation: 'eq' as const };

        // Snippets for this page only: the stems PostgreSQL derives from the query, matched on the text.
        const stemSource = positive.map((t) => fold(t.value)).join(' ');
        const stems = stemSource
          ? (await queryStems(trx, stemSource)).concat(
              positive.filter((t) => t.kind === 'prefix').map((t) => fold(t.value)),
            )
          : [];
        const byId = await loadCurrentTexts(
          trx,
          rows.map((r) => r.id),
        );

        const items: SearchHit[] = rows.map((r) => {
          const content = byId.get(r.id);
          const body = content?.text?.trim() ? content.text : r.titel;
          return {
            dokumentId: r.id,
            titel: r.titel,
            snippet: buildSnippet(body, stems, references),
            rang: Number(r.rang),
            art: r.art,
            datum: r.datum,
            mime: content?.mime ?? 'application/octet-stream',
            textStatus: r.text_status,
            vorgangId: r.vorgang_id,
            betreff: r.betreff,
            vorgangStatus: r.vorgang_status,
            akteId: r.akte_id,
            aktenzeichen: r.aktenzeichen,
            aktenplan: r.kennzeichen,
          };
        });
        const total = Number(rows[0]!.total);
        // Like Elasticsearch's track_total_hits: exact up to 10,000, beyond that a lower bound.
        return total > COUNT_LIMIT
          ? { items, total: COUNT_LIMIT, totalRelation: 'gte' as const }
          : { items, total, totalRelation: 'eq' as const };
      });
    },
  };
}
