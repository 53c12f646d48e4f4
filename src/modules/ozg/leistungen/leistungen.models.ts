/** The XZuFi text modules of a Leistung, in display order with their German headings. */
export const LEISTUNG_TEXTE = [
  ['kurztext', 'Kurzbeschreibung'],
  ['volltext', 'Beschreibung'],
  ['voraussetzungen', 'Voraussetzungen'],
  ['unterlagen', 'Erforderliche Unterlagen'],
  ['fristen', 'Fristen'],
  ['kosten', 'Kosten'],
  ['rechtsgrundlagen', 'Rechtsgrundlagen'],
] as const;
export type LeistungText = (typeof LEISTUNG_TEXTE)[number][0];

/** OZG-Reifegradmodell 2.0, levels 0–7. */
export const REIFEGRADE = [
  'nicht online',
  'Informationen online',
  'Formular online, Antrag per Post',
  'Online-Antrag mit Nachweisen',
  'Online-Antrag mit elektronischem Bescheid',
  'Once-Only: Nachweise aus Registern',
  'proaktiv: Antrag entfällt teilweise',
  'antragslos',
] as const;

export const LEIKA = /^[0-9]{14}$/;

export type Leistung = {
  id: string;
  leika: string;
  leikaPlatzhalter: boolean;
  name: string;
  texte: Partial<Record<LeistungText, string>>;
  reifegrad: number;
  reifegradText: string;
  ownerTenantId: string;
  ownerName: string;
  formularId: string | null;
  formularName: string | null;
  formularVersion: number | null;
  formularNeueste: number | null;
  standard: boolean;
  kennzeichenVorschlag: string;
};

/** Service ids are lower-case words with dashes; anything else is no service. */
export const LEISTUNG_ID = /^[a-z0-9-]+$/;
