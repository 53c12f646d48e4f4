import { type Spalte, zahlDe } from '../../export/tabelle.ts';
import { achsenSpalten, punktX, Rahmen, XBeschriftung, YAchse } from './achsen.tsx';
import { Diagramm, type DiagrammBasis, Legende } from './diagramm.tsx';
import { farbe, schoeneSkala, yAbbildung } from './skala.ts';

/** An event on the x axis (e.g. a member's join): a dashed line with its text. */
export type Markierung = { bei: string; text: string };

export type LinienOptionen = DiagrammBasis & {
  reihen?: number[];
  markierungen?: Markierung[];
  /** Fix the axis maximum (e.g. 100 for percentages). */
  maximum?: number;
};

const BREITE = 720;
const HOEHE = 340;
const R = { links: 88, rechts: 24, oben: 56, unten: 64 };

/**
 * Lines over the categories of the first column (time, in order), a point per value with its exact
 * value (`data-wert`); marked categories get a dashed vertical line, their text, and ringed points.
 * Empty cells break the line.
 */
export function Liniendiagramm(optionen: LinienOptionen) {
  const { tabelle } = optionen;
  const reihen = optionen.reihen ?? achsenSpalten(tabelle);
  const einheit = tabelle.spalten[reihen[0] ?? 1] as Spalte;
  const werte = tabelle.zeilen.flatMap((zeile) =>
    reihen.map((r) => zeile[r]).filter((w) => typeof w === 'number'),
  );
  const skala = schoeneSkala({ min: Math.min(0, ...werte), max: Math.max(optionen.maximum ?? 0, ...werte) });
  const y = yAbbildung({ ...skala, oben: R.oben, unten: HOEHE - R.unten });
  const n = tabelle.zeilen.length;
  const x = punktX({ n, links: R.links, rechts: BREITE - R.rechts });
  const labels = tabelle.zeilen.map((zeile) => String(zeile[0] ?? ''));
  const markiert = new Map((optionen.markierungen ?? []).map((m) => [m.bei, m.text]));
  return (
    <Diagramm
      basis={optionen}
      breite={BREITE}
      hoehe={HOEHE}
      zusatz={(z, s) => (s === 0 ? markiert.get(labels[z] ?? '') : undefined)}
    >
      <Legende
        namen={reihen.map((r, i) => ({ name: tabelle.spalten[r]?.name ?? '', farbe: farbe(i) }))}
        x={R.links}
        y={18}
      />
      <YAchse skala={skala} y={y} spalte={einheit} links={R.links} rechts={BREITE - R.rechts} />
      {labels.map((label, i) =>
        markiert.has(label) ? (
          <g class="vb-markierung" data-bei={label}>
            <line
              x1={x(i)}
              x2={x(i)}
              y1={R.oben - 12}
              y2={HOEHE - R.unten}
              stroke="#333"
              stroke-dasharray="4 3"
            />
            <text x={x(i) + 3} y={R.oben - 16} fill="#333">
              {markiert.get(label)}
            </text>
          </g>
        ) : null,
      )}
      {reihen.map((r, i) => {
        const spalte = tabelle.spalten[r] as Spalte;
        const segmente: string[][] = [[]];
        tabelle.zeilen.forEach((zeile, z) => {
          const wert = zeile[r];
          if (typeof wert === 'number') segmente[segmente.length - 1]?.push(`${x(z)},${y(wert)}`);
          else segmente.push([]);
        });
        return (
          <g data-reihe={spalte.name}>
            {segmente
              .filter((s) => s.length > 1)
              .map((s) => (
                <polyline points={s.join(' ')} fill="none" stroke={farbe(i)} stroke-width="2" />
              ))}
            {tabelle.zeilen.map((zeile, z) => {
              const wert = zeile[r];
              if (typeof wert !== 'number') return null;
              return (
                <circle
                  cx={x(z)}
                  cy={y(wert)}
                  r={markiert.has(labels[z] ?? '') ? 6 : 3.5}
                  fill={markiert.has(labels[z] ?? '') ? '#fff' : farbe(i)}
                  stroke={farbe(i)}
                  stroke-width="2"
                  data-kategorie={labels[z]}
                  data-wert={String(wert)}
                >
                  <title>{`${labels[z]} – ${spalte.name}: ${zahlDe({ wert, spalte })}`}</title>
                </circle>
              );
            })}
          </g>
        );
      })}
      <XBeschriftung labels={labels} mitte={x} y={HOEHE - R.unten + 16} />
      <Rahmen links={R.links} rechts={BREITE - R.rechts} y={y(0)} />
    </Diagramm>
  );
}
