import { AppError } from './errors.ts';

/**
 * Text hygiene for everything a client sends: C0 control characters other than tab, line feed and
 * carriage return, and DEL, have no place in a text field (a NUL byte even breaks PostgreSQL), so
 * they are refused, not silently removed — the sender learns that its input is broken.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Bidirectional controls reorder what is shown: "rechnung\u202Efdp.exe" looks like
 * "rechnungexe.pdf". They are removed from file names (and only there: in running text they
 * may be legitimate, e.g. for Arabic or Hebrew names).
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** U+FFFD is what a lenient decoder leaves where the bytes were not UTF-8. */
const REPLACEMENT_CHARACTER = '\ufffd';

export const hasControlCharacters = (value: string) => CONTROL_CHARACTERS.test(value);

export const stripBidiControls = (value: string) => value.replace(BIDI_CONTROLS, '');

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const ANY_CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/g;

/**
 * A file name as a client sent it, without bidirectional and other control characters (a name is
 * no text a person typed: it is cleaned, not refused). Paths and reserved characters are the
 * business of `safeFileName` where documents are stored.
 */
export const cleanFileName = (value: string) => stripBidiControls(value).replace(ANY_CONTROL_CHARACTER, '');

export const controlCharacters = (field?: string) =>
  new AppError({
    code: 'request.control_characters',
    status: 400,
    message: field ? `control characters in ${field}` : 'control characters in the input',
    messageDe: 'Die Eingabe enthält unzulässige Steuerzeichen.',
    details: field ? [{ path: field, message: 'Steuerzeichen' }] : undefined,
  });

export const invalidUtf8 = (field?: string) =>
  new AppError({
    code: 'request.invalid_utf8',
    status: 400,
    message: field ? `${field} is not valid UTF-8` : 'the input is not valid UTF-8',
    messageDe: 'Die Eingabe ist nicht korrekt kodiert (UTF-8 erwartet).',
    details: field ? [{ path: field, message: 'kein gültiges UTF-8' }] : undefined,
  });

/** Refuses a text that was decoded leniently (U+FFFD) or that carries control characters. */
export function assertCleanText(value: string, field?: string) {
  if (hasControlCharacters(value)) throw controlCharacters(field);
  if (value.includes(REPLACEMENT_CHARACTER)) throw invalidUtf8(field);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes bytes as UTF-8, refusing invalid sequences instead of replacing them. */
export function decodeUtf8Strict(bytes: Uint8Array, field?: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalidUtf8(field);
  }
}

/**
 * A text file's bytes as text: UTF-8 if valid, else Windows-1252 (the usual encoding of older
 * German text files, e.g. CSV exports). A leading UTF-8 byte order mark is removed in both cases.
 */
export function decodeText(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

/**
 * Walks a parsed JSON value and refuses control characters in any string, keys included. The
 * path of the first offending field is named in the error.
 */
export function assertCleanJson(value: unknown, path = ''): void {
  if (typeof value === 'string') {
    if (hasControlCharacters(value)) throw controlCharacters(path || '(Inhalt)');
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      assertCleanJson(item, `${path}[${i}]`);
    });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (hasControlCharacters(key)) throw controlCharacters(path || '(Inhalt)');
    assertCleanJson(item, at);
  }
}

/**
 * Decodes an application/x-www-form-urlencoded body or query string strictly: malformed escapes
 * and invalid UTF-8 are refused, and so are control characters in names and values.
 */
export function assertCleanUrlEncoded(encoded: string) {
  if (!encoded) return;
  for (const pair of encoded.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const [rawName, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    const name = decodeComponent(rawName, undefined);
    const value = decodeComponent(rawValue, name);
    if (hasControlCharacters(name)) throw controlCharacters();
    if (hasControlCharacters(value)) throw controlCharacters(name);
  }
}

function decodeComponent(raw: string, field: string | undefined) {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw invalidUtf8(field);
  }
}
