import { raw } from 'hono/html';
import type { Principal } from '../../platform/http/principal.ts';
import { SubmitButton } from '../../platform/ui/buttons.tsx';
import { Alert, SelectField, TextField } from '../../platform/ui/components.tsx';
import { dateDe } from '../../platform/ui/format.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import { Pager } from '../../platform/ui/pager.tsx';
import type { Facetten, FacetValue, SearchFacets } from './search.facets.ts';
import { COUNT_LIMIT, type SearchHit } from './search.models.ts';

type Page = { limit: number; offset: number };
const LIMIT_DE = COUNT_LIMIT.toLocaleString('de-DE');
type Result = {
  items: SearchHit[];
  total: number;
  totalRelation: 'eq' | 'gte';
  facetten: Facetten;
  vorschlag?: { q: string; treffer: number };
};
type Filter = Record<string, string | undefined>;
type Labels = Pick<
  SearchFacets,
  'dokumentArten' | 'dokumentArtLabels' | 'vorgangStatus' | 'vorgangStatusLabels'
>;

const all = (values: readonly string[], labels: Record<string, string>) => [
  { value: '', label: 'alle' },
  ...values.map((v) => ({ value: v, label: labels[v] ?? v })),
];

/** The full-text search of the E-Akte: query, filters, hits with snippets, pages. */
export function SuchePage(props: {
  principal: Principal;
  tenantName: string;
  filter: Filter;
  result: Result | null;
  units: Array<{ kennzeichen: string; titel: string }>;
  labels: Labels;
  page: Page;
  error?: string;
}) {
  const { principal, filter, result, labels } = props;
  return (
    <Layout title="Suche" principal={principal} tenantName={props.tenantName} active="suche">
      <h1 class="kern-heading-large">Suche in der E-Akte</h1>
      <search>
        <form method="get" action="/suche" aria-label="Volltextsuche" class="vb-search">
          <TextField
            id="q"
            label="Suchbegriffe"
            value={filter.q ?? ''}
            hint={
              'Deutsch mit Wortstamm; Präfix mit *, "genaue Phrase", -ausschließen; Aktenzeichen und Drucksachen-Nr. wie KT/103/2020 exakt.'
            }
          />
          <details
            class="vb-details"
            open={Boolean(filter.aktenplan || filter.art || filter.von || filter.bis || filter.vorgangStatus)}
          >
            <summary class="kern-body">Filter</summary>
            <SelectField
              id="aktenplan"
              label="Aktenplaneinheit"
              value={filter.aktenplan ?? ''}
              options={[
                { value: '', label: 'alle' },
                ...props.units.map((u) => ({ value: u.kennzeichen, label: `${u.kennzeichen} ${u.titel}` })),
              ]}
            />
            <SelectField
              id="art"
              label="Dokumentart"
              value={filter.art ?? ''}
              options={all(labels.dokumentArten, labels.dokumentArtLabels)}
            />
            <SelectField
              id="vorgangStatus"
              label="Status des Vorgangs"
              value={filter.vorgangStatus ?? ''}
              options={all(labels.vorgangStatus, labels.vorgangStatusLabels)}
            />
            <TextField id="von" label="Datum von" type="date" value={filter.von ?? ''} />
            <TextField id="bis" label="Datum bis" type="date" value={filter.bis ?? ''} />
          </details>
          <SubmitButton label="Suchen" />
        </form>
      </search>
      {props.error ? (
        <Alert kind="danger" title="Suche nicht möglich">
          {props.error}
        </Alert>
      ) : null}
      {result ? (
        <div class="vb-results">
          <Hits result={result} filter={filter} labels={labels} page={props.page} />
          {result.total > 0 ? (
            <FacetList facetten={result.facetten} filter={filter} total={result.total} />
          ) : null}
        </div>
      ) : null}
    </Layout>
  );
}

function Hits({
  result,
  filter,
  labels,
  page,
}: {
  result: Result;
  filter: Filter;
  labels: Labels;
  page: Page;
}) {
  return (
    <section aria-labelledby="treffer" class="vb-section">
      <h2 class="kern-heading-medium" id="treffer">
        {result.total === 0
          ? 'Keine Treffer'
          : `${result.totalRelation === 'eq' ? '' : result.total >= COUNT_LIMIT ? 'Mehr als ' : 'Mindestens '}${result.total.toLocaleString('de-DE')} Treffer`}
      </h2>
      {result.total === 0 ? (
        <>
          {result.vorschlag ? (
            // "Meinten Sie …?" (search.suggest.ts): the corrected query with the same filters.
            <p class="kern-body vb-vorschlag">
              Meinten Sie:{' '}
              <a class="kern-link" href={searchUrl(filter, { q: result.vorschlag.q })}>
                {result.vorschlag.q}
              </a>
              ? ({result.vorschlag.treffer.toLocaleString('de-DE')} Treffer)
            </p>
          ) : null}
          <p class="kern-body">Versuchen Sie weniger oder andere Begriffe, oder ein Präfix wie „Zweck*“.</p>
        </>
      ) : (
        <ol class="vb-hits" start={page.offset + 1}>
          {result.items.map((hit) => (
            <li class="vb-hit">
              <h3 class="kern-heading-small">
                <a class="kern-link" href={`/dokumente/${hit.dokumentId}`}>
                  {hit.titel}
                </a>
              </h3>
              <p class="kern-body kern-body--small vb-muted">
                {hit.aktenzeichen} · {hit.betreff} · {labels.dokumentArtLabels[hit.art] ?? hit.art} vom{' '}
                {dateDe(hit.datum)}
              </p>
              <p class="kern-body vb-snippet">{raw(hit.snippet)}</p>
            </li>
          ))}
        </ol>
      )}
      <Pager
        total={result.total}
        page={page}
        base={`/suche?${new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])))}`}
      />
    </section>
  );
}

/** The URL of the search with `change` applied to the filter (a value of undefined removes it), from page 1. */
const searchUrl = (filter: Filter, change: Filter) => {
  const next = { ...filter, ...change };
  return `/suche?${new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => Boolean(e[1])))}`;
};

type FacetSpec = {
  key: 'aktenplan' | 'art' | 'jahr' | 'vorgangStatus';
  heading: string;
  label: (v: FacetValue) => string;
  filterOf: (v: FacetValue) => Filter;
  active: (v: FacetValue, filter: Filter) => boolean;
  reset: Filter;
};

const FACETS: FacetSpec[] = [
  {
    key: 'aktenplan',
    heading: 'Aktenplaneinheit',
    label: (v) => `${v.wert} ${v.titel}`,
    filterOf: (v) => ({ aktenplan: v.wert }),
    active: (v, f) => f.aktenplan === v.wert,
    reset: { aktenplan: undefined },
  },
  {
    key: 'art',
    heading: 'Dokumentart',
    label: (v) => v.titel,
    filterOf: (v) => ({ art: v.wert }),
    active: (v, f) => f.art === v.wert,
    reset: { art: undefined },
  },
  {
    key: 'jahr',
    heading: 'Jahr',
    label: (v) => v.wert,
    filterOf: (v) => ({ von: `${v.wert}-01-01`, bis: `${v.wert}-12-31` }),
    active: (v, f) => f.von === `${v.wert}-01-01` && f.bis === `${v.wert}-12-31`,
    reset: { von: undefined, bis: undefined },
  },
  {
    key: 'vorgangStatus',
    heading: 'Status des Vorgangs',
    label: (v) => v.titel,
    filterOf: (v) => ({ vorgangStatus: v.wert }),
    active: (v, f) => f.vorgangStatus === v.wert,
    reset: { vorgangStatus: undefined },
  },
];

/**
 * The facets beside the hits: per facet a list of links that add the filter (plain links, so
 * they work without JavaScript). Above COUNT_LIMIT matches the counts are lower bounds ("mind.").
 */
function FacetList({ facetten, filter, total }: { facetten: Facetten; filter: Filter; total: number }) {
  const prefix = facetten.vollstaendig ? '' : 'mind. ';
  return (
    <aside class="vb-facets" aria-labelledby="facetten">
      <h2 class="kern-heading-medium" id="facetten">
        Eingrenzen
      </h2>
      {facetten.vollstaendig ? null : (
        <p class="kern-body kern-body--small vb-muted">
          {total >= COUNT_LIMIT
            ? `Mehr als ${LIMIT_DE} Treffer: gezählt über die ersten ${LIMIT_DE}, die Zahlen sind Mindestwerte.`
            : 'Eine Phrase wird in einem Teil der Dokumente mit allen ihren Wörtern geprüft: die Zahlen sind Mindestwerte.'}
        </p>
      )}
      {FACETS.filter((spec) => facetten[spec.key].length > 0).map((spec) => (
        // Plain headings, no labelled regions: the facets' names are those of the form's filter
        // fields, and a field's label must stay unique on the page.
        <div class="vb-facet">
          <h3 class="kern-heading-small" id={`facette-${spec.key}`}>
            {spec.heading}
          </h3>
          <ul class="vb-facet-list">
            {facetten[spec.key].map((v) =>
              spec.active(v, filter) ? (
                <li>
                  <span class="kern-body" aria-current="true">
                    {spec.label(v)} ({prefix}
                    {v.anzahl.toLocaleString('de-DE')})
                  </span>{' '}
                  <a class="kern-link" href={searchUrl(filter, spec.reset)}>
                    Filter „{spec.heading}“ aufheben
                  </a>
                </li>
              ) : (
                <li>
                  <a class="kern-link" href={searchUrl(filter, spec.filterOf(v))}>
                    {spec.label(v)}
                  </a>{' '}
                  <span class="kern-body vb-muted">
                    ({prefix}
                    {v.anzahl.toLocaleString('de-DE')})
                  </span>
                </li>
              ),
            )}
          </ul>
        </div>
      ))}
    </aside>
  );
}
