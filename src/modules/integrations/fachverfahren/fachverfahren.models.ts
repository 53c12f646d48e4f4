export const FACHVERFAHREN_ROLLEN = ['sachbearbeitung', 'leitung', 'lesen'] as const;

export type FachverfahrenInput = {
  kennung: string;
  name: string;
  hersteller?: string;
  /** The Fachverfahren acts in the name of this person. */
  benutzer?: string;
  rollen?: Array<(typeof FACHVERFAHREN_ROLLEN)[number]>;
};

export type Fachverfahren = {
  id: string;
  kennung: string;
  name: string;
  hersteller: string | null;
  vorgaenge: number;
  angemeldetAm: string;
};
