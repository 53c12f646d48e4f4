import { type Spalte, zahlDe } from '../../export/tabelle.ts';
import { achsenSpalten, Rahmen, XBeschriftung, YAchse, zahl } from './achsen.tsx';
import { Diagramm, type DiagrammBasis, Legende } from './diagramm.tsx';
import { farbe, runde, schoeneSkala, yAbbildung } from './skala.ts';

export type BalkenOptionen = DiagrammBasis & {
  /** Indices of the number columns drawn as series (default: every number column after the first). */
  reihen?: number[];
  /** Stack the series per category instead of putting them side by side. */
  gestapelt?: boolean;
};

const BREITE = 720;
const HOEHE = 340;
const R = { links: 88, rechts: 16, oben: 40, unten: 64 };

/**
 * Bars per category (first column), grouped or stacked, one colour per series (number columns).
 * Every bar carries its exact value (`data-wert`) and a tooltip title with the German figure.
 */
export function Balkendiagramm(optionen: BalkenOptionen) {
  const { tabelle } = optionen;
  const reihen = optionen.reihen ?? achsenSpalten(tabelle);
  const einheit = tabelle.spalten[reihen[0] ?? 1] as Spalte;
  const summen = tabelle.zeilen.map((zeile) =>
    optionen.gestapelt
      ? reihen.reduce(
          (acc, r) => {
            const w = zahl(zeile[r]);
            return w >= 0
              ? { plus: acc.plus + w, minus: acc.minus }
              : { plus: acc.plus, minus: acc.minus + w };
          },
          { plus: 0, minus: 0 },
        )
      : {
          plus: Math.max(0, ...reihen.map((r) => zahl(zeile[r]))),
          minus: Math.min(0, ...reihen.map((r) => zahl(zeile[r]))),
        },
  );
  const skala = schoeneSkala({
    min: Math.min(0, ...summen.map((s) => s.minus)),
    max: Math.max(0, ...summen.map((s) => s.plus)),
  });
  const y = yAbbildung({ ...skala, oben: R.oben, unten: HOEHE - R.unten });
  const gruppe = (BREITE - R.links - R.rechts) / Math.max(1, tabelle.zeilen.length);
  const innen = gruppe * 0.8;
  const balken = optionen.gestapelt ? innen : innen / Math.max(1, reihen.length);
  return (
    <Diagramm basis={optionen} breite={BREITE} hoehe={HOEHE}>
      <Legende
        namen={reihen.map((r, i) => ({ name: tabelle.spalten[r]?.name ?? '', farbe: farbe(i) }))}
        x={R.links}
        y={18}
      />
      <YAchse skala={skala} y={y} spalte={einheit} links={R.links} rechts={BREITE - R.rechts} />
      {tabelle.zeilen.map((zeile, z) => {
        const start = R.links + z * gruppe + (gruppe - innen) / 2;
        let plus = 0;
        let minus = 0;
        return (
          <g>
            {reihen.map((r, i) => {
              const wert = zahl(zeile[r]);
              let von: number;
              let bis: number;
              if (optionen.gestapelt) {
                von = wert >= 0 ? plus : minus;
                bis = von + wert;
                if (wert >= 0) plus = bis;
                else minus = bis;
              } else {
                von = 0;
                bis = wert;
              }
              const oben = Math.min(y(von), y(bis));
              const x = optionen.gestapelt ? start : start + i * balken;
              const spalte = tabelle.spalten[r] as Spalte;
              return (
                <rect
                  x={runde(x)}
                  y={oben}
                  width={runde(Math.max(1, balken - (optionen.gestapelt ? 0 : 2)))}
                  height={runde(Math.abs(y(bis) - y(von)))}
                  fill={farbe(i)}
                  data-reihe={spalte.name}
                  data-kategorie={String(zeile[0] ?? '')}
                  data-wert={zeile[r] === null ? '' : String(wert)}
                >
                  <title>{`${zeile[0] ?? ''} – ${spalte.name}: ${zeile[r] === null ? 'keine Angabe' : zahlDe({ wert, spalte })}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
      <XBeschriftung
        labels={tabelle.zeilen.map((zeile) => String(zeile[0] ?? ''))}
        mitte={(z) => R.links + z * gruppe + gruppe / 2}
        y={HOEHE - R.unten + 16}
      />
      <Rahmen links={R.links} rechts={BREITE - R.rechts} y={y(0)} />
    </Diagramm>
  );
}
