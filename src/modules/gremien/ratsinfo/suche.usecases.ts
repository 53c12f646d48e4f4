import {
  buildSnippet,
  exactTsqueryOf,
  extractReferences,
  parseSearchQuery,
  searchVectors,
  tsqueryOf,
  wordMatcher,
} from '../../search/search.module.ts';
import { ratsinfoErrors } from './ratsinfo.errors.ts';
import { type InKreis, VORLAGE_ART_DE } from './ratsinfo.models.ts';
import { type PendingVorlage, pendingVorlagen, storeIndex, sucheVorlagen } from './suche.repository.ts';
import { neuesteVorlagen } from './vorlagen.repository.ts';

/** Pending Vorlagen indexed by one search before it answers (newly published ones are few a day). */
export const INDEX_BATCH = 200;
export const SUCHE_LIMIT = 20;

const bodyOf = (v: { beschlussvorschlag: string | null; begruendung: string | null }) =>
  [v.beschlussvorschlag, v.begruendung].filter(Boolean).join('\n\n');

/** The search vector of a Vorlage, by the search module's German analyzer (as documents are). */
export function vorlageIndex(v: PendingVorlage) {
  const meta = [v.drucksachen_nr, VORLAGE_ART_DE[v.art] ?? v.art, v.einreicher ?? ''].join(' ');
  const { search } = searchVectors({ titel: v.betreff, meta, content: bodyOf(v) || null });
  const refs = extractReferences(`${v.drucksachen_nr} ${v.betreff} ${bodyOf(v)}`);
  return { vorlageId: v.vorlage_id, search, refs };
}

/** The public search over published public Vorlagen, and the indexing it does on the way. */
export function createSucheUsecases({ inKreis }: { inKreis: InKreis }) {
  return {
    /** Indexes up to `limit` pending Vorlagen of the county; how many were indexed. */
    indexieren: ({ kreis, limit = INDEX_BATCH }: { kreis: string; limit?: number }) =>
      inKreis(kreis, async (trx) => {
        const pending = await pendingVorlagen(trx, limit);
        await storeIndex(trx, pending.map(vorlageIndex));
        return pending.length;
      }),

    /**
     * Words (German analysis: Anträge finds Antrag, compounds, umlauts), "phrases", präfix*, -not
     * and Drucksachen-Nr. (exact). Without a query: the newest published Vorlagen.
     */
    suche: ({ kreis, q, offset }: { kreis: string; q: string; offset: number }) => {
      if (q.length > 200) throw ratsinfoErrors.badQuery();
      const terms = parseSearchQuery(q);
      return inKreis(kreis, async (trx, k) => {
        const pending = await pendingVorlagen(trx, INDEX_BATCH);
        await storeIndex(trx, pending.map(vorlageIndex));
        const page = { limit: SUCHE_LIMIT, offset };
        if (terms.length === 0) {
          const { rows, total } = await neuesteVorlagen(trx, page);
          return { kreis: k, q, terms, total, treffer: rows.map((r) => ({ ...r, snippet: '' })) };
        }
        const refs = terms.filter((t) => t.kind === 'reference' && !t.negated).map((t) => t.value);
        const { rows, total } = await sucheVorlagen(trx, {
          tsquery: tsqueryOf(terms),
          exact: exactTsqueryOf(terms),
          refs,
          ...page,
        });
        const matches = wordMatcher(terms);
        return {
          kreis: k,
          q,
          terms,
          total,
          treffer: rows.map((r) => ({ ...r, snippet: buildSnippet(bodyOf(r), matches, refs, 30) })),
        };
      });
    },
  };
}
