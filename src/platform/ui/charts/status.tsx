import type { Tabelle } from '../../export/tabelle.ts';
import { Diagramm, type ExportLinks } from './diagramm.tsx';

export type Status = 'gruen' | 'gelb' | 'rot' | 'grau';
/** A cell: its status, a short text in the cell ("98 %") and the full text for the table. */
export type StatusZelle = { status: Status; kurz: string; text: string };

export type StatusrasterModell = {
  titel: string;
  zeilen: string[];
  spalten: string[];
  /** zellen[zeile][spalte]; null = not applicable (drawn grey, "nicht angebunden"). */
  zellen: Array<Array<StatusZelle | null>>;
  hinweis?: string;
};

export const STATUS_TEXT: Record<Status, string> = {
  gruen: 'Grün – in Ordnung',
  gelb: 'Gelb – eingeschränkt',
  rot: 'Rot – gestört',
  grau: 'Grau – keine Daten',
};

const FARBE: Record<Status, { fill: string; text: string; zeichen: string }> = {
  gruen: { fill: '#15803d', text: '#fff', zeichen: '✓' },
  gelb: { fill: '#facc15', text: '#000', zeichen: '!' },
  rot: { fill: '#b91c1c', text: '#fff', zeichen: '✕' },
  grau: { fill: '#d4d4d4', text: '#000', zeichen: '–' },
};

/** The status grid as a table model (for the data table and CSV/XLSX): "Rot – gestört: 50 % …". */
export function statusrasterTabelle(modell: StatusrasterModell): Tabelle {
  return {
    titel: modell.titel,
    spalten: [{ name: '' }, ...modell.spalten.map((name) => ({ name }))].map((s, i) =>
      i === 0 ? { name: 'Zeile' } : s,
    ),
    zeilen: modell.zeilen.map((zeile, z) => [
      zeile,
      ...modell.spalten.map((_, s) => {
        const zelle = modell.zellen[z]?.[s] ?? null;
        return zelle ? `${STATUS_TEXT[zelle.status]}: ${zelle.text}` : 'nicht angebunden';
      }),
    ]),
    hinweis: modell.hinweis,
  };
}

const ZELLE_B = 150;
const ZELLE_H = 30;
const LINKS = 260;
const OBEN = 60;

/**
 * Traffic lights per row × column, each with a symbol (✓ ! ✕ –) and its short text, so the state
 * never rests on colour alone; the legend names the four states.
 */
export function Statusraster({
  id,
  modell,
  beschreibung,
  export: links,
  leer,
  zeilenTitel = 'Zeile',
}: {
  id: string;
  modell: StatusrasterModell;
  beschreibung: string;
  export?: ExportLinks;
  leer?: string;
  zeilenTitel?: string;
}) {
  const tabelle = statusrasterTabelle(modell);
  tabelle.spalten[0] = { name: zeilenTitel };
  const breite = LINKS + Math.max(4, modell.spalten.length) * ZELLE_B + 16;
  const hoehe = OBEN + modell.zeilen.length * ZELLE_H + 16;
  return (
    <Diagramm basis={{ id, tabelle, beschreibung, export: links, leer }} breite={breite} hoehe={hoehe}>
      <g>
        {(Object.keys(FARBE) as Status[]).map((status, i) => (
          <g>
            <rect x={LINKS + i * ZELLE_B} y={4} width="14" height="14" fill={FARBE[status].fill} />
            <text x={LINKS + i * ZELLE_B + 18} y={16}>
              {FARBE[status].zeichen} {STATUS_TEXT[status].split(' – ')[1]}
            </text>
          </g>
        ))}
      </g>
      {modell.spalten.map((name, j) => (
        <text x={LINKS + j * ZELLE_B + ZELLE_B / 2} y={OBEN - 10} text-anchor="middle" font-weight="bold">
          {name.length > 20 ? `${name.slice(0, 19)}…` : name}
        </text>
      ))}
      {modell.zeilen.map((zeile, z) => (
        <g>
          <text x={LINKS - 8} y={OBEN + z * ZELLE_H + 19} text-anchor="end">
            {zeile.length > 40 ? `${zeile.slice(0, 39)}…` : zeile}
          </text>
          {modell.spalten.map((_, s) => {
            const zelle = modell.zellen[z]?.[s] ?? null;
            const status: Status = zelle?.status ?? 'grau';
            const f = FARBE[status];
            return (
              <g data-zeile={z} data-spalte={s} data-status={zelle ? status : 'keine'}>
                <rect
                  x={LINKS + s * ZELLE_B + 1}
                  y={OBEN + z * ZELLE_H + 1}
                  width={ZELLE_B - 2}
                  height={ZELLE_H - 2}
                  fill={f.fill}
                  rx="3"
                />
                <text
                  x={LINKS + s * ZELLE_B + ZELLE_B / 2}
                  y={OBEN + z * ZELLE_H + 19}
                  text-anchor="middle"
                  fill={f.text}
                >
                  {f.zeichen} {zelle?.kurz ?? 'nicht angebunden'}
                </text>
                <title>{`${zeile} – ${modell.spalten[s]}: ${zelle ? `${STATUS_TEXT[status]}: ${zelle.text}` : 'nicht angebunden'}`}</title>
              </g>
            );
          })}
        </g>
      ))}
    </Diagramm>
  );
}
