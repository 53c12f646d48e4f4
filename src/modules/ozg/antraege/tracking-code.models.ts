import { createHash, randomBytes } from 'node:crypto';

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

/** What the database keeps of a tracking code: its hash only (the code is the citizen's secret). */
export const trackingHash = (code: string) =>
  createHash('sha256').update(`verbund-tracking\n${code}`).digest('hex');
