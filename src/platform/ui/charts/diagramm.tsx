import type { Child } from 'hono/jsx';
import { istZahlenspalte, type Tabelle, zelleAlsText } from '../../export/tabelle.ts';

/** Links to the CSV and XLSX download of the table behind a chart or table. */
export type ExportLinks = { csv: string; xlsx: string };

/** What every chart takes besides its own options. */
export type DiagrammBasis = {
  /** Unique on the page; the SVG's title and description ids derive from it. */
  id: string;
  tabelle: Tabelle;
  /** What the chart shows in a sentence or two (the SVG's <desc>). */
  beschreibung: string;
  export?: ExportLinks;
  /** Text shown instead of the chart when the table has no rows. */
  leer?: string;
  /** Show the data table open (default: in a closed <details>). */
  tabelleOffen?: boolean;
};

/**
 * The frame of every chart: the SVG (role img, named by <title>, described by <desc>), right below
 * the same numbers as a table, and the export links. Without rows: a German empty state.
 */
export function Diagramm({
  basis,
  breite,
  hoehe,
  zusatz,
  children,
}: {
  basis: DiagrammBasis;
  breite: number;
  hoehe: number;
  zusatz?: (zeile: number, spalte: number) => string | undefined;
  children: Child;
}) {
  const { id, tabelle, beschreibung } = basis;
  if (tabelle.zeilen.length === 0) return <LeerHinweis id={id} titel={tabelle.titel} text={basis.leer} />;
  return (
    <figure class="vb-diagramm" id={id}>
      <svg
        role="img"
        aria-labelledby={`${id}-titel ${id}-beschreibung`}
        viewBox={`0 0 ${breite} ${hoehe}`}
        width="100%"
        style={`max-width:${breite}px;height:auto`}
        xmlns="http://www.w3.org/2000/svg"
        font-family="sans-serif"
        font-size="12"
      >
        <title id={`${id}-titel`}>{tabelle.titel}</title>
        <desc id={`${id}-beschreibung`}>{beschreibung}</desc>
        {children}
      </svg>
      <details class="vb-diagramm__daten" open={basis.tabelleOffen}>
        <summary class="kern-body">Daten als Tabelle: {tabelle.titel}</summary>
        <DatenTabelle tabelle={tabelle} zusatz={zusatz} />
      </details>
      {basis.export ? <ExportVerweise titel={tabelle.titel} links={basis.export} /> : null}
    </figure>
  );
}

/** A table model as a KERN table (caption = title), numbers right-aligned and German-formatted. */
export function DatenTabelle({
  tabelle,
  zusatz,
}: {
  tabelle: Tabelle;
  zusatz?: (zeile: number, spalte: number) => string | undefined;
}) {
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped">
        <caption class="kern-title vb-caption">{tabelle.titel}</caption>
        <thead class="kern-table__header">
          <tr class="kern-table__row">
            {tabelle.spalten.map((spalte) => (
              <th
                scope="col"
                class={`kern-table__header${istZahlenspalte(spalte) ? ' kern-table__header--numeric' : ''}`}
              >
                {spalte.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {tabelle.zeilen.map((zeile, z) => (
            <tr class="kern-table__row">
              {tabelle.spalten.map((spalte, s) => {
                const text = zelleAlsText({ wert: zeile[s] ?? null, spalte });
                const extra = zusatz?.(z, s);
                const inhalt = extra ? `${text} (${extra})` : text;
                return s === 0 ? (
                  <th scope="row" class="kern-table__header">
                    {inhalt}
                  </th>
                ) : (
                  <td
                    class={`kern-table__cell${istZahlenspalte(spalte) ? ' kern-table__cell--numeric' : ''}`}
                  >
                    {inhalt}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {tabelle.hinweis ? <p class="kern-body kern-body--small">{tabelle.hinweis}</p> : null}
    </div>
  );
}

/** "Tabelle herunterladen: CSV · XLSX" with the table's title in the link names. */
export function ExportVerweise({ titel, links }: { titel: string; links: ExportLinks }) {
  return (
    <p class="kern-body vb-export">
      Herunterladen:{' '}
      <a class="kern-link" href={links.csv} download>
        CSV<span class="kern-sr-only"> – {titel}</span>
      </a>{' '}
      ·{' '}
      <a class="kern-link" href={links.xlsx} download>
        XLSX<span class="kern-sr-only"> – {titel}</span>
      </a>
    </p>
  );
}

/** The empty state: no chart, a German sentence why. */
export function LeerHinweis({ id, titel, text }: { id: string; titel: string; text?: string }) {
  return (
    <div class="vb-diagramm vb-diagramm--leer" id={id}>
      <p class="kern-body">
        <strong>{titel}:</strong> {text ?? 'Noch keine Daten vorhanden.'}
      </p>
    </div>
  );
}

/** The legend: a swatch and a name per series, in one row above the plot. */
export function Legende({
  namen,
  x,
  y,
}: {
  namen: Array<{ name: string; farbe: string }>;
  x: number;
  y: number;
}) {
  let links = x;
  return (
    <g>
      {namen.map(({ name, farbe }) => {
        const start = links;
        links += 24 + name.length * 7;
        return (
          <g>
            <rect x={start} y={y - 10} width="12" height="12" fill={farbe} />
            <text x={start + 16} y={y}>
              {name}
            </text>
          </g>
        );
      })}
    </g>
  );
}
