import { createHash } from 'node:crypto';

/** The pieces every xdomea message is written with: UUIDs, escaping, dates and a tiny element writer. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Namespace for name-based UUIDs of ids that are not UUIDs already (stable across exports). */
const ID_NAMESPACE = 'c0f3a1de-7d2e-4b7a-9a51-5d0e0a6b2f10';

/**
 * xdomea identifies every Schriftgutobjekt by a UUID (stringUUIDType). Our ids are UUIDs; anything
 * else gets a stable name-based UUID (version 5 layout, SHA-1), so repeated exports agree.
 */
export function xdomeaUuid(id: string): string {
  if (UUID.test(id)) return id.toLowerCase();
  const hash = createHash('sha1').update(`${ID_NAMESPACE}:${id}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/F). */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping exactly these is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text and attribute content; characters XML cannot represent are dropped. */
export function escapeXml(value: string): string {
  return value
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const BERLIN_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * An xs:date for a date or timestamp, or null when there is none: timestamps are turned into the
 * calendar day in Germany (a file closed at 00:30 CEST is closed on that day, not the UTC day before).
 */
export function xsDate(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Number.isNaN(Date.parse(value)) ? null : value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : BERLIN_DATE.format(new Date(time));
}

/** An xs:dateTime (UTC), or null for an unparsable value. */
export function xsDateTime(value: string | Date): string | null {
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** A tiny element writer: children are already-serialised strings, empty/null children vanish. */
export const X = 'xdomea';
export function el(name: string, ...children: Array<string | null | undefined | false>): string {
  const content = children.filter((c): c is string => typeof c === 'string' && c !== '').join('');
  return `<${X}:${name}>${content}</${X}:${name}>`;
}
/** A text element, or nothing when the value is empty (all our optional elements are minOccurs=0). */
export function text(name: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return `<${X}:${name}>${escapeXml(value)}</${X}:${name}>`;
}
/** A required text element (empty content is still written, e.g. Format/Version). */
export function textRequired(name: string, value: string): string {
  return `<${X}:${name}>${escapeXml(value)}</${X}:${name}>`;
}
/** A code-list value (xoev-code:Code restriction): `code`/`name` are unqualified. */
export function code(
  name: string,
  listUri: string | null,
  listVersion: string | null,
  value: string,
  label?: string,
) {
  const attrs =
    (listUri ? ` listURI="${escapeXml(listUri)}"` : '') +
    (listVersion ? ` listVersionID="${escapeXml(listVersion)}"` : '');
  const labelXml = label ? `<name>${escapeXml(label)}</name>` : '';
  return `<${X}:${name}${attrs}><code>${escapeXml(value)}</code>${labelXml}</${X}:${name}>`;
}

/** Everything we hold is electronic: Medium code 001 ("Elektronisch"). */
export const MEDIUM_ELEKTRONISCH = code(
  'Medium',
  'urn:xoev-de:xdomea:codeliste:medium',
  '1.0',
  '001',
  'Elektronisch',
);
