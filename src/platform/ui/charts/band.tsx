import { type Spalte, zahlDe } from '../../export/tabelle.ts';
import { punktX, Rahmen, XBeschriftung, YAchse } from './achsen.tsx';
import { Diagramm, type DiagrammBasis, Legende } from './diagramm.tsx';
import { farbe, schoeneSkala, yAbbildung } from './skala.ts';

export type BandOptionen = DiagrammBasis & {
  /** Column index of the median. */
  median: number;
  /** Column index of the 90th percentile. */
  p90: number;
};

const BREITE = 720;
const HOEHE = 340;
const R = { links: 88, rechts: 24, oben: 40, unten: 64 };

/**
 * A band per category run (first column, in order): the shaded band spans median to p90, the
 * median is the solid line, p90 the dashed one. Rows without figures break the band.
 */
export function Banddiagramm(optionen: BandOptionen) {
  const { tabelle, median, p90 } = optionen;
  const sm = tabelle.spalten[median] as Spalte;
  const sp = tabelle.spalten[p90] as Spalte;
  const werte = tabelle.zeilen
    .flatMap((z) => [z[median], z[p90]])
    .filter((w): w is number => typeof w === 'number');
  const skala = schoeneSkala({ min: 0, max: Math.max(0, ...werte) });
  const y = yAbbildung({ ...skala, oben: R.oben, unten: HOEHE - R.unten });
  const n = tabelle.zeilen.length;
  const x = punktX({ n, links: R.links, rechts: BREITE - R.rechts });
  const labels = tabelle.zeilen.map((zeile) => String(zeile[0] ?? ''));
  const segmente: number[][] = [[]];
  tabelle.zeilen.forEach((zeile, i) => {
    if (typeof zeile[median] === 'number' && typeof zeile[p90] === 'number')
      segmente[segmente.length - 1]?.push(i);
    else segmente.push([]);
  });
  const wert = (i: number, spalte: number) => tabelle.zeilen[i]?.[spalte] as number;
  return (
    <Diagramm basis={optionen} breite={BREITE} hoehe={HOEHE}>
      <Legende
        namen={[
          { name: sm.name, farbe: farbe(0) },
          { name: sp.name, farbe: '#9db7dc' },
        ]}
        x={R.links}
        y={18}
      />
      <YAchse skala={skala} y={y} spalte={sm} links={R.links} rechts={BREITE - R.rechts} />
      {segmente
        .filter((s) => s.length > 0)
        .map((s) => (
          <g>
            <polygon
              points={[
                ...s.map((i) => `${x(i)},${y(wert(i, p90))}`),
                ...[...s].reverse().map((i) => `${x(i)},${y(wert(i, median))}`),
              ].join(' ')}
              fill="#9db7dc"
              fill-opacity="0.6"
              stroke="none"
            />
            <polyline
              points={s.map((i) => `${x(i)},${y(wert(i, p90))}`).join(' ')}
              fill="none"
              stroke="#1d4f91"
              stroke-dasharray="5 3"
              stroke-width="1.5"
            />
            <polyline
              points={s.map((i) => `${x(i)},${y(wert(i, median))}`).join(' ')}
              fill="none"
              stroke={farbe(0)}
              stroke-width="2.5"
            />
          </g>
        ))}
      {tabelle.zeilen.map((zeile, i) =>
        [median, p90].map((spalte) => {
          const w = zeile[spalte];
          if (typeof w !== 'number') return null;
          const s = tabelle.spalten[spalte] as Spalte;
          return (
            <circle
              cx={x(i)}
              cy={y(w)}
              r="3"
              fill={spalte === median ? farbe(0) : '#fff'}
              stroke={farbe(0)}
              data-reihe={s.name}
              data-kategorie={labels[i]}
              data-wert={String(w)}
            >
              <title>{`${labels[i]} – ${s.name}: ${zahlDe({ wert: w, spalte: s })}`}</title>
            </circle>
          );
        }),
      )}
      <XBeschriftung labels={labels} mitte={x} y={HOEHE - R.unten + 16} />
      <Rahmen links={R.links} rechts={BREITE - R.rechts} y={y(0)} />
    </Diagramm>
  );
}
