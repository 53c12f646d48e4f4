import { istZahlenspalte, type Spalte, type Tabelle, type Zelle, zahlDe } from '../../export/tabelle.ts';
import { runde } from './skala.ts';

/** Every number column after the first (the first names the category). */
export const achsenSpalten = (tabelle: Tabelle) =>
  tabelle.spalten.flatMap((spalte, i) => (i > 0 && istZahlenspalte(spalte) ? [i] : []));

/** A cell as a number for drawing; text and empty count as 0 (the table still shows them as they are). */
export const zahl = (wert: Zelle | undefined) =>
  typeof wert === 'number' && Number.isFinite(wert) ? wert : 0;

/** Horizontal grid lines with German tick labels on the left. */
export function YAchse({
  skala,
  y,
  spalte,
  links,
  rechts,
}: {
  skala: { ticks: number[] };
  y: (wert: number) => number;
  spalte: Spalte;
  links: number;
  rechts: number;
}) {
  const tickSpalte: Spalte = {
    ...spalte,
    nachkommastellen: skala.ticks.some((t) => !Number.isInteger(t)) ? 1 : 0,
  };
  return (
    <g>
      {skala.ticks.map((t) => (
        <g>
          <line x1={links} x2={rechts} y1={y(t)} y2={y(t)} stroke="#d0d0d0" stroke-width="1" />
          <text x={links - 6} y={y(t) + 4} text-anchor="end" fill="#333">
            {zahlDe({ wert: t, spalte: tickSpalte })}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Category labels under the plot; turned by 40° when there are many. */
export function XBeschriftung({
  labels,
  mitte,
  y,
}: {
  labels: string[];
  mitte: (i: number) => number;
  y: number;
}) {
  const schraeg = labels.length > 8;
  const jede = Math.max(1, Math.ceil(labels.length / 24));
  return (
    <g>
      {labels.map((label, i) =>
        i % jede === 0 ? (
          <text
            x={mitte(i)}
            y={y}
            text-anchor={schraeg ? 'end' : 'middle'}
            transform={schraeg ? `rotate(-40 ${mitte(i)} ${y})` : undefined}
            fill="#333"
          >
            {label}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** The zero line. */
export function Rahmen({ links, rechts, y }: { links: number; rechts: number; y: number }) {
  return <line x1={links} x2={rechts} y1={y} y2={y} stroke="#333" stroke-width="1" />;
}

/** x of the i-th of n points spread evenly from `links` to `rechts` (one point: the middle). */
export const punktX =
  ({ n, links, rechts }: { n: number; links: number; rechts: number }) =>
  (i: number) =>
    runde(n <= 1 ? (links + rechts) / 2 : links + (i * (rechts - links)) / (n - 1));
