import type { Vertraulichkeit } from '../../platform/database/database.types.ts';

// Vocabulary shared by the aggregates of the E-Akte (Akte, Vorgang, Dokument, Aktenplan).

export const VERTRAULICHKEIT = ['offen', 'intern', 'vertraulich'] as const;
export const vertraulichkeitLabels: Record<Vertraulichkeit, string> = {
  offen: 'offen',
  intern: 'intern (nur für den Dienstgebrauch)',
  vertraulich: 'vertraulich',
};

/** Ids come from URLs: anything not shaped like a UUID is "not found", not a database error. */
export const looksLikeUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

export const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : d);

// Dokument vocabulary (Art), used by the schemas and pages of several aggregates and by search's facets.

export const DOKUMENT_ARTEN = ['eingang', 'ausgang', 'intern'] as const;
export const dokumentArtLabels = { eingang: 'Eingang', ausgang: 'Ausgang', intern: 'intern' } as const;
