import { raw } from 'hono/html';
import type { Principal } from '../../platform/http/principal.ts';
import { SubmitButton } from '../../platform/ui/buttons.tsx';
import { Alert, SelectField, TextField } from '../../platform/ui/components.tsx';
import { dateDe } from '../../platform/ui/format.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import { Pager } from '../../platform/ui/pager.tsx';
import type { SearchFacets } from './search.facets.ts';
import type { SearchHit } from './search.models.ts';

type Page = { limit: number; offset: number };
type Result = { items: SearchHit[]; total: number; totalRelation: 'eq' | 'gte' };
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
      {result ? <Hits result={result} filter={filter} labels={labels} page={props.page} /> : null}
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
          : `${result.totalRelation === 'gte' ? 'Mehr als ' : ''}${result.total.toLocaleString('de-DE')} Treffer`}
      </h2>
      {result.total === 0 ? (
        <p class="kern-body">Versuchen Sie weniger oder andere Begriffe, oder ein Präfix wie „Zweck*“.</p>
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
