import type { Random } from './random.ts';

// The case (Vorgang) behind generated letters: in a real file the letters of one Vorgang are about
// the same applicant and the same object (a Flurstück, a vehicle, a Kassenzeichen …), and replies
// cite the Vorgang's Geschäftszeichen most of the time, not always. All of it is invented
// (Beispieldaten): names, addresses, numbers and Zeichen.

export type GeneratedCase = {
  /** Unique per generator: the documents with the same key belong to one Vorgang. */
  key: string;
  /** The case's Geschäftszeichen in the county's pattern (`04.10-0012/2024`). */
  aktenzeichen: string;
  /** What a case worker would name the Vorgang: the matter and the applicant. */
  betreff: string;
  applicant: { name: string; lastName: string; place: string; address: string };
  /** The object of the case (Flurstück, Kennzeichen, Kassenzeichen …), one line. */
  objekt: string;
  start: string;
  /** How many documents the case gets (2–4) and how many it has so far. */
  length: number;
  count: number;
};

const letters = (r: Random, n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(65 + r.int(0, 25))).join('');

/** The object line of a case, by area (what the letters of one Vorgang keep naming). */
export function objektOf({
  r,
  area,
  place,
  plate,
}: {
  r: Random;
  area: string;
  place: string;
  plate: string;
}) {
  switch (area) {
    case 'bau':
    case 'umwelt':
      return `Flurstück ${r.int(1, 30)}/${r.int(1, 400)}, Flur ${r.int(1, 12)}, Gemarkung ${place}`;
    case 'kfz':
    case 'parken':
      return `Fahrzeug mit dem amtlichen Kennzeichen ${plate}-${letters(r, 2)} ${r.int(1, 9999)}`;
    case 'fuehrerschein':
      return `Führerscheinnummer ${letters(r, 1)}${r.int(10, 99)}${r.int(100_000, 999_999)}${letters(r, 1)}`;
    case 'waffen':
      return `Waffenbesitzkarte Nr. ${r.int(100, 9999)}, Jagdbezirk ${place}`;
    case 'wohngeld':
    case 'grundsicherung':
      return `Kundennummer ${r.int(1_000_000, 9_999_999)}, Bedarfsgemeinschaft mit ${r.int(1, 5)} Personen`;
    case 'gebuehren':
      return `Kassenzeichen ${r.int(1000, 9999)}.${r.int(100, 999)}.${r.int(100, 999)}`;
    case 'schule':
      return `Schulstandort ${place}, Schülernummer ${r.int(10_000, 99_999)}`;
    case 'foerder':
      return `Fördervorhaben Nr. FV-${r.int(2019, 2026)}-${String(r.int(1, 999)).padStart(3, '0')}`;
    case 'personal':
      return `Stellenkennziffer ${r.int(10, 99)}-${r.int(100, 999)}`;
    default:
      // Kreistag, E-Government: the Drucksache the case is about (never the source document's KT/103/2020).
      return `Drucksache KT/${r.int(104, 180)}/${r.int(2019, 2026)}`;
  }
}

/** A citation of the case's Zeichen as a letter of the given kind writes it (several customs). */
export function citationOf({
  r,
  kind,
  aktenzeichen,
}: {
  r: Random;
  kind: 'eingang' | 'ausgang' | 'intern';
  aktenzeichen: string;
}) {
  if (kind === 'ausgang') return r.pick([`Unser Zeichen: ${aktenzeichen}`, `Az.: ${aktenzeichen}`]);
  if (kind === 'eingang')
    return r.pick([
      `Ihr Zeichen: ${aktenzeichen}`,
      `Bezug: Ihr Schreiben, Az. ${aktenzeichen}`,
      `Az. ${aktenzeichen}`,
    ]);
  return `Az.: ${aktenzeichen}`;
}

/**
 * Whether a document cites its case's Zeichen: the first letter of a case (usually the application)
 * rarely does – it has no Zeichen yet –, later ones mostly do. About 37 % of all documents cite
 * nothing (0.8 of the first third, 0.15 of the rest).
 */
export const citesCase = ({ r, position }: { r: Random; position: number }) =>
  r.chance(position === 0 ? 0.2 : 0.85);
