import type { Vertraulichkeit } from '../../platform/database/database.types.ts';
import { hasRole, type Principal } from '../../platform/http/principal.ts';
import { badRequest } from '../../shared/errors.ts';

export const VERTRAULICHKEIT = ['offen', 'intern', 'vertraulich'] as const;
export const vertraulichkeitLabels: Record<Vertraulichkeit, string> = {
  offen: 'offen',
  intern: 'intern (nur für den Dienstgebrauch)',
  vertraulich: 'vertraulich',
};

export const DOKUMENT_ARTEN = ['eingang', 'ausgang', 'intern'] as const;
export const dokumentArtLabels = { eingang: 'Eingang', ausgang: 'Ausgang', intern: 'intern' } as const;

export const VORGANG_STATUS = [
  'neu',
  'in-bearbeitung',
  'nachforderung',
  'ruhend',
  'beschieden',
  'abgelehnt',
  'zurueckgezogen',
  'abgeschlossen',
] as const;
export type VorgangStatus = (typeof VORGANG_STATUS)[number];
export const vorgangStatusLabels: Record<VorgangStatus, string> = {
  neu: 'neu',
  'in-bearbeitung': 'in Bearbeitung',
  nachforderung: 'Nachforderung',
  ruhend: 'ruhend',
  beschieden: 'beschieden',
  abgelehnt: 'abgelehnt',
  zurueckgezogen: 'zurückgezogen',
  abgeschlossen: 'abgeschlossen',
};

export const AUSSONDERUNG = ['A', 'B', 'V'] as const;
export const aussonderungLabels = { A: 'archivwürdig', B: 'bewerten', V: 'vernichten' } as const;

/**
 * Who may see what: `offen` everyone of the county, `intern` everyone but the read-only role,
 * `vertraulich` Leitung and administration — and the person or OE the Vorgang is assigned to.
 */
export function clearanceOf(principal: Principal): Vertraulichkeit[] {
  if (hasRole(principal, 'leitung', 'kreis-admin', 'verbund-admin'))
    return ['offen', 'intern', 'vertraulich'];
  if (hasRole(principal, 'sachbearbeitung')) return ['offen', 'intern'];
  return ['offen'];
}

export const canWrite = (principal: Principal) =>
  hasRole(principal, 'sachbearbeitung', 'leitung', 'kreis-admin');

const KENNZEICHEN = /^[0-9]{1,3}(\.[0-9]{1,3}){0,5}$/;
export const isKennzeichen = (value: string) => KENNZEICHEN.test(value);
export const parentKennzeichen = (kennzeichen: string) => {
  const at = kennzeichen.lastIndexOf('.');
  return at < 0 ? null : kennzeichen.slice(0, at);
};

/** Orders Kennzeichen numerically segment by segment: 1.2 < 1.10 < 2. */
export function compareKennzeichen(a: string, b: string) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export const DEFAULT_AKTENZEICHEN_MUSTER = '{kennzeichen}-{nr:4}/{jahr}';

/** Validates an Aktenzeichen pattern: it must contain {nr} so every Akte gets a distinct reference. */
export function validateAktenzeichenMuster(muster: string) {
  const unknown = [...muster.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !/^(kennzeichen|nr(:[1-9])?|jahr|jahr2|kreis)$/.test(name));
  if (!/\{nr(:[1-9])?\}/.test(muster) || unknown.length > 0 || muster.length > 100)
    throw badRequest(
      'aktenzeichen.invalid_pattern',
      'the pattern needs {nr} and may use {kennzeichen}, {nr:N}, {jahr}, {jahr2}, {kreis}',
      'Das Muster braucht {nr} und darf {kennzeichen}, {nr:N}, {jahr}, {jahr2} und {kreis} enthalten.',
    );
}

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

/** German folding, identical to SQL verbund_fold(): case, ä/ae, ö/oe, ü/ue, ß/ss. */
export const fold = (text: string) => text.replace(/[ÄäÖöÜüßẞ]/g, (ch) => FOLD[ch]!).toLowerCase();
const FOLD: Record<string, string> = {
  Ä: 'ae',
  ä: 'ae',
  Ö: 'oe',
  ö: 'oe',
  Ü: 'ue',
  ü: 'ue',
  ß: 'ss',
  ẞ: 'ss',
};

/**
 * Reference numbers: tokens with a slash and a digit, like Drucksachen-Nr. `KT/103/2020`,
 * `KT/065-03/19` or Aktenzeichen `00.20-0001/2020`. Stored upper-cased for exact matching.
 */
const REFERENCE =
  /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*\/[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*/gu;
export function extractReferences(text: string, limit = 200): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(REFERENCE)) {
    const value = match[0];
    if (/\d/.test(value) && value.length >= 4 && value.length <= 60) found.add(value.toUpperCase());
    if (found.size >= limit) break;
  }
  return [...found];
}

export type SearchTerm = {
  kind: 'word' | 'prefix' | 'phrase' | 'reference';
  value: string;
  negated: boolean;
};

/**
 * Parses a search box query: words, `präfix*`, "exakte Phrase", -ausschluss, and reference
 * numbers (anything with a slash and a digit) for exact matching. At most 20 terms.
 */
export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /(-?)"([^"]*)"|(-?)(\S+)/g;
  for (const match of query.normalize('NFC').matchAll(pattern)) {
    if (terms.length >= 20) break;
    if (match[2] !== undefined) {
      const value = match[2].trim();
      if (value) terms.push({ kind: 'phrase', value, negated: match[1] === '-' });
      continue;
    }
    const negated = match[3] === '-';
    let value = match[4]!;
    if (extractReferences(value).length > 0) {
      terms.push({ kind: 'reference', value: extractReferences(value)[0]!, negated });
      continue;
    }
    const prefix = value.endsWith('*');
    value = value.replace(/[^\p{L}\p{N}-]+/gu, ' ').trim();
    if (!value) continue;
    terms.push({ kind: prefix ? 'prefix' : 'word', value, negated });
  }
  return terms;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A highlighted snippet (HTML-escaped, matches in <mark>) of about `words` words around the
 * densest cluster of matches. `stems` are the folded stems PostgreSQL derived from the query;
 * a word matches when its folded form starts with a stem (German stems are word prefixes).
 */
export function buildSnippet(text: string, stems: string[], references: string[], words = 32): string {
  const tokens = text.slice(0, 200_000).split(/(\s+)/);
  const isMatch = (token: string) => {
    const bare = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!bare) return false;
    if (references.length > 0 && references.includes(bare.toUpperCase())) return true;
    const folded = fold(bare);
    return stems.some((stem) => stem.length > 0 && folded.startsWith(stem));
  };
  const wordIndexes: number[] = [];
  const matches: boolean[] = [];
  tokens.forEach((token, i) => {
    if (!/^\s*$/.test(token)) {
      wordIndexes.push(i);
      matches.push(isMatch(token));
    }
  });
  if (wordIndexes.length === 0) return '';
  let best = 0;
  let bestScore = -1;
  let score = 0;
  for (let i = 0; i < matches.length; i++) {
    if (matches[i]) score++;
    if (i >= words && matches[i - words]) score--;
    if (score > bestScore) {
      bestScore = score;
      best = Math.max(0, i - words + 1);
    }
  }
  // Start a few words before the first match of the window for context.
  const firstMatch = matches.indexOf(true, best);
  const start = bestScore > 0 && firstMatch >= 0 ? Math.max(0, Math.min(best, firstMatch - 4)) : 0;
  const end = Math.min(wordIndexes.length, start + words);
  const parts: string[] = [];
  for (let w = start; w < end; w++) {
    const token = tokens[wordIndexes[w]!]!;
    parts.push(matches[w] ? `<mark>${escapeHtml(token)}</mark>` : escapeHtml(token));
  }
  return `${start > 0 ? '… ' : ''}${parts.join(' ')}${end < wordIndexes.length ? ' …' : ''}`;
}

/** CSV (semicolon-separated, as German spreadsheets write it) for the Aktenplan. */
export const AKTENPLAN_CSV_HEADER = [
  'kennzeichen',
  'titel',
  'aufbewahrung_jahre',
  'aussonderung',
  'vertraulichkeit',
];

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = source.split('\n', 1)[0]!.includes(';') ? ';' : ',';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((cell) => cell.trim() !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((cell) => cell.trim() !== '')) rows.push(row);
  return rows;
}

export const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // Cells starting with = + - @ are neutralised so spreadsheets do not run them as formulas.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
