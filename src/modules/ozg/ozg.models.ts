import { createHash, randomBytes } from 'node:crypto';

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

// biome-ignore lint/suspicious/noExplicitAny: database row
export const toLeistung = (r: any): Leistung => ({
  id: r.id,
  leika: r.leika,
  leikaPlatzhalter: r.leika_platzhalter,
  name: r.name,
  texte: r.texte ?? {},
  reifegrad: r.reifegrad,
  reifegradText: REIFEGRADE[r.reifegrad] ?? '',
  ownerTenantId: r.owner_tenant_id,
  ownerName: r.owner_name,
  formularId: r.formular_id ?? null,
  formularName: r.formular_name ?? null,
  formularVersion: r.formular_version ?? null,
  formularNeueste: r.formular_neueste ?? null,
  standard: r.standard,
  kennzeichenVorschlag: r.kennzeichen_vorschlag,
});

/** Status of an Antrag: the status of its Vorgang, named for citizens. */
export const ANTRAG_STATUS: Record<string, string> = {
  neu: 'eingegangen',
  'in-bearbeitung': 'in Bearbeitung',
  nachforderung: 'Unterlagen nachgefordert',
  ruhend: 'in Bearbeitung',
  beschieden: 'beschieden',
  abgelehnt: 'abgelehnt',
  zurueckgezogen: 'zurückgezogen',
  abgeschlossen: 'abgeschlossen',
};

// Crockford base32 without I, L, O, U: easy to read aloud and type.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code: the county's Kreisschlüssel and 80 random bits, e.g. 16062-7K3M-Q9TX-4D2B-H8WN. */
export function newTrackingCode(kreisschluessel: string) {
  const bytes = randomBytes(16);
  let code = '';
  for (let i = 0; i < 16; i++) code += ALPHABET[bytes[i]! % 32];
  return `${kreisschluessel}-${code.match(/.{4}/g)!.join('-')}`;
}

/** Normalises what a citizen typed (spaces, lower case, O/0 and I/L/1 confusions) or null if invalid. */
export function parseTrackingCode(input: string) {
  const cleaned = input.toUpperCase().replace(/[\s]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const m = /^(\d{5})-?([0-9A-Z]{4})-?([0-9A-Z]{4})-?([0-9A-Z]{4})-?([0-9A-Z]{4})$/.exec(cleaned);
  if (!m || ![...m.slice(2).join('')].every((ch) => ALPHABET.includes(ch))) return null;
  return { kreisschluessel: m[1]!, code: `${m[1]}-${m.slice(2).join('-')}` };
}

export const trackingHash = (code: string) =>
  createHash('sha256').update(`verbund-tracking\n${code}`).digest('hex');
