import type { Vertraulichkeit } from '../../../platform/database/database.types.ts';
import { invalidAktenzeichenMuster } from './akten.errors.ts';

export type AkteStatus = 'offen' | 'zda';

export type Akte = {
  id: string;
  aktenzeichen: string;
  titel: string;
  status: AkteStatus;
  vertraulichkeit: Vertraulichkeit;
  aktenplan: { id: string; kennzeichen: string; titel: string };
  federfuehrendeOe: { id: string; kuerzel: string; name: string } | null;
  createdAt: string;
  closedAt: string | null;
  vorgaenge: number;
};

export type CreateAkteInput = {
  titel: string;
  aktenplan?: string;
  federfuehrendeOe?: string | null;
  vertraulichkeit?: Vertraulichkeit;
};

export type AktenFilter = { aktenplan?: string; status?: AkteStatus; q?: string };

export const DEFAULT_AKTENZEICHEN_MUSTER = '{kennzeichen}-{nr:4}/{jahr}';

/** Validates an Aktenzeichen pattern: it must contain {nr} so every Akte gets a distinct reference. */
export function validateAktenzeichenMuster(muster: string) {
  const unknown = [...muster.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !/^(kennzeichen|nr(:[1-9])?|jahr|jahr2|kreis)$/.test(name));
  if (!/\{nr(:[1-9])?\}/.test(muster) || unknown.length > 0 || muster.length > 100)
    throw invalidAktenzeichenMuster();
}

/** The counter year of a pattern: numbers restart each year only when the year is part of it. */
export const counterYearOf = (muster: string, jahr: number) => (muster.includes('{jahr') ? jahr : 0);

export function formatAktenzeichen(
  muster: string,
  values: { kennzeichen: string; nr: number; jahr: number; kreisschluessel: string },
) {
  return muster.replace(/\{([a-z0-9]+)(?::([1-9]))?\}/g, (whole, name: string, width?: string) => {
    switch (name) {
      case 'kennzeichen':
        return values.kennzeichen;
      case 'nr':
        return String(values.nr).padStart(Number(width ?? 1), '0');
      case 'jahr':
        return String(values.jahr);
      case 'jahr2':
        return String(values.jahr).slice(-2);
      case 'kreis':
        return values.kreisschluessel;
      default:
        return whole;
    }
  });
}
