import { type Spalte, zelleAlsText } from '../../export/tabelle.ts';
import { achsenSpalten, zahl } from './achsen.tsx';
import { Diagramm, type DiagrammBasis } from './diagramm.tsx';

export type HeatmapOptionen = DiagrammBasis & {
  spaltenIndizes?: number[];
  /** Marked cells (row index, column index of the table), e.g. the owner of an artifact. */
  markiert?: Array<{ zeile: number; spalte: number }>;
  /** What a mark means, shown in the legend and beside the figure in the table ("Eigentümer"). */
  markierungText?: string;
  /** Top of the colour scale (default: the largest value). */
  maximum?: number;
};

const ZELLE_B = 120;
const ZELLE_H = 26;
const LINKS = 260;
const OBEN = 64;

/**
 * A matrix: rows from the first column, one column per number column; the darker the cell the
 * higher the value, the value itself is written in the cell; marked cells get a thick frame and a ★
 * (so the mark does not rest on colour alone).
 */
export function Heatmap(optionen: HeatmapOptionen) {
  const { tabelle } = optionen;
  const spalten = optionen.spaltenIndizes ?? achsenSpalten(tabelle);
  const werte = tabelle.zeilen.flatMap((zeile) => spalten.map((s) => zahl(zeile[s])));
  const maximum = optionen.maximum ?? Math.max(1, ...werte);
  const markiert = new Set((optionen.markiert ?? []).map((m) => `${m.zeile}:${m.spalte}`));
  const istMarkiert = (z: number, s: number) => markiert.has(`${z}:${s}`);
  const breite = LINKS + spalten.length * ZELLE_B + 16;
  const hoehe = OBEN + tabelle.zeilen.length * ZELLE_H + 16;
  return (
    <Diagramm
      basis={optionen}
      breite={breite}
      hoehe={hoehe}
      zusatz={(z, s) => (istMarkiert(z, s) ? (optionen.markierungText ?? 'markiert') : undefined)}
    >
      {optionen.markiert?.length ? (
        <text x={LINKS} y={16}>
          ★ mit dickem Rahmen = {optionen.markierungText ?? 'markiert'}
        </text>
      ) : null}
      {spalten.map((s, j) => (
        <text x={LINKS + j * ZELLE_B + ZELLE_B / 2} y={OBEN - 10} text-anchor="middle" font-weight="bold">
          {kurz(tabelle.spalten[s]?.name ?? '', 18)}
        </text>
      ))}
      {tabelle.zeilen.map((zeile, z) => (
        <g>
          <text x={LINKS - 8} y={OBEN + z * ZELLE_H + 17} text-anchor="end">
            {kurz(String(zeile[0] ?? ''), 40)}
          </text>
          {spalten.map((s, j) => {
            const wert = zeile[s] ?? null;
            const anteil = Math.max(0, Math.min(1, zahl(wert) / maximum));
            const dunkel = anteil > 0.55;
            const x = LINKS + j * ZELLE_B;
            const yy = OBEN + z * ZELLE_H;
            const mark = istMarkiert(z, s);
            const text = zelleAlsText({ wert, spalte: tabelle.spalten[s] as Spalte });
            return (
              <g
                data-zeile={z}
                data-spalte={s}
                data-wert={wert === null ? '' : String(wert)}
                data-markiert={mark ? 'ja' : undefined}
              >
                <rect
                  x={x + 1}
                  y={yy + 1}
                  width={ZELLE_B - 2}
                  height={ZELLE_H - 2}
                  fill={wert === null ? '#f3f3f3' : mischung(anteil)}
                  stroke={mark ? '#000' : '#fff'}
                  stroke-width={mark ? 3 : 1}
                />
                <text x={x + ZELLE_B / 2} y={yy + 17} text-anchor="middle" fill={dunkel ? '#fff' : '#000'}>
                  {mark ? `★ ${text}` : text}
                </text>
                <title>{`${zeile[0] ?? ''} – ${tabelle.spalten[s]?.name ?? ''}: ${text}${mark ? ` (${optionen.markierungText ?? 'markiert'})` : ''}`}</title>
              </g>
            );
          })}
        </g>
      ))}
    </Diagramm>
  );
}

/** From a very light blue (0) to the dark series blue (1). */
function mischung(anteil: number) {
  const von = [234, 241, 251];
  const bis = [29, 79, 145];
  const kanal = (i: number) =>
    Math.round((von[i] as number) + ((bis[i] as number) - (von[i] as number)) * anteil);
  return `rgb(${kanal(0)},${kanal(1)},${kanal(2)})`;
}

const kurz = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
