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

/** A county's activation of a service and the Akte its Anträge are filed in. */
export type Activation = {
  aktiv: boolean;
  akte_id: string | null;
  zustaendig_oe_id: string | null;
  akte_status: 'offen' | 'zda' | null;
  unit_id: string | null;
  vertraulichkeit: 'offen' | 'intern' | 'vertraulich' | null;
  aktenzeichen: string | null;
  akte_titel: string | null;
  kennzeichen: string | null;
};

/** An activation that can take Anträge: active, with an Akte to file into. */
export type FilingActivation = {
  aktiv: true;
  akte_id: string;
  zustaendig_oe_id: string | null;
  akte_status: 'offen' | 'zda';
  unit_id: string;
  vertraulichkeit: 'offen' | 'intern' | 'vertraulich';
  aktenzeichen: string;
  akte_titel: string;
  kennzeichen: string;
};

/** The activation if the service is active and has an Akte to file into. */
export const filingActivation = (activation: Activation | undefined) =>
  activation?.aktiv && activation.akte_id && activation.unit_id && activation.akte_status
    ? (activation as FilingActivation)
    : undefined;

/** Service ids are lower-case words with dashes; anything else is no service. */
export const LEISTUNG_ID = /^[a-z0-9-]+$/;
