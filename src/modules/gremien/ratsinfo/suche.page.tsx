import { raw } from 'hono/html';
import { TextField } from '../../../platform/ui/components.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Pager } from '../../../platform/ui/pager.tsx';
import { H1, kreisBase, RatsinfoLayout } from './ratsinfo.layout.tsx';
import { type Kreis, RANK_LIMIT, VORLAGE_ART_DE } from './ratsinfo.models.ts';

type Treffer = {
  id: string;
  drucksachen_nr: string;
  art: string;
  betreff: string;
  veroeffentlicht_am: Date;
  snippet: string;
};

/** Search over the published public Vorlagen; without a query the newest ones. */
export function SuchePage({
  kreis,
  q,
  total,
  treffer,
  offset,
  limit,
}: {
  kreis: Kreis;
  q: string;
  /** null: more than RANK_LIMIT matches (shown newest first, not ranked). */
  total: number | null;
  treffer: Treffer[];
  offset: number;
  limit: number;
}) {
  const base = kreisBase(kreis);
  return (
    <RatsinfoLayout title={q ? `Suche nach „${q}“` : 'Vorlagen'} kreis={kreis} active="suche">
      <H1>Vorlagen suchen</H1>
      <form method="get" action={`${base}/suche`} class="vb-filter">
        <TextField
          id="q"
          label="Suchbegriff oder Drucksachen-Nr."
          type="search"
          value={q}
          hint={'Zum Beispiel „Zweckvereinbarung“, „KT/103/2020“, „Schul*“ oder „"Haushalt 2020"“.'}
        />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">Suchen</span>
        </button>
      </form>
      <h2 class="kern-heading-medium" id="ergebnis">
        {q
          ? total === null
            ? `Mehr als ${RANK_LIMIT.toLocaleString('de-DE')} Vorlagen gefunden, die neuesten zuerst`
            : total === 0
              ? `Keine Vorlage gefunden für „${q}“`
              : `${total} ${total === 1 ? 'Vorlage' : 'Vorlagen'} gefunden`
          : 'Zuletzt veröffentlichte Vorlagen'}
      </h2>
      <ol class="kern-list vb-hits" aria-labelledby="ergebnis" start={offset + 1}>
        {treffer.map((t) => (
          <li class="vb-hit">
            <a class="kern-link" href={`${base}/vorlagen/${t.id}`}>
              {t.drucksachen_nr}: {t.betreff}
            </a>
            <p class="kern-body kern-body--small vb-muted">
              {VORLAGE_ART_DE[t.art] ?? t.art}, veröffentlicht am {dateDe(t.veroeffentlicht_am.toISOString())}
            </p>
            {t.snippet ? <p class="kern-body vb-snippet">{raw(t.snippet)}</p> : null}
          </li>
        ))}
      </ol>
      <Pager
        total={total ?? RANK_LIMIT}
        page={{ limit, offset }}
        base={`${base}/suche${q ? `?q=${encodeURIComponent(q)}` : ''}`}
      />
    </RatsinfoLayout>
  );
}
