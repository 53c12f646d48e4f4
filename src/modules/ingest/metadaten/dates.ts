import { type Found, type Piece, scan } from './scan.ts';

const MONTHS: Record<string, number> = {
  januar: 1,
  jan: 1,
  jänner: 1,
  februar: 2,
  feb: 2,
  märz: 3,
  maerz: 3,
  mär: 3,
  mrz: 3,
  april: 4,
  apr: 4,
  mai: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  dez: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * German dates: `24.06.2020`, `24.6.20`, `24. 06. 2020`, `24. Juni 2020`, `24.Juni 2020`,
 * `1. Jan. 2021`, ISO `2020-06-24`. Not: versions (`1.2.3.4`), amounts (`1.234,56`), times,
 * references (`00.20-0001/2026`, `KT/065-03/19`), impossible days (`31.02.2020`).
 * Every quantifier is bounded; the look-arounds reject a date inside a longer number chain.
 */
const DATE = new RegExp(
  [
    // numeric: day.month.year (year 2 or 4 digits); not inside a longer dotted or digit run
    String.raw`(?<![\d.,/-]|§ ?)(?<nd>\d{1,2})\. ?(?<nm>\d{1,2})\. ?(?<ny>\d{4}|\d{2})(?![\d]|[.,/-]\d)`,
    // textual: day. month-name year
    String.raw`(?<![\d.,/-])(?<td>\d{1,2})\.? ?(?<tm>${MONTH_NAMES})\.? (?<ty>\d{4})(?!\d)`,
    // ISO
    String.raw`(?<![\d.,/-])(?<iy>\d{4})-(?<im>\d{2})-(?<id>\d{2})(?![\d]|[.,/-]\d)`,
  ].join('|'),
  'giu',
);

function isoDate(day: number, month: number, year: number) {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2099) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null; // 31.02. and the like
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999 (as German forms read them). */
const fullYear = (text: string) =>
  text.length === 4 ? Number(text) : Number(text) + (Number(text) < 50 ? 2000 : 1900);

function toIso(match: RegExpExecArray) {
  const g = match.groups ?? {};
  if (g.nd) return isoDate(Number(g.nd), Number(g.nm), fullYear(g.ny!));
  if (g.td) return isoDate(Number(g.td), MONTHS[g.tm!.toLowerCase()]!, Number(g.ty));
  if (g.iy) return isoDate(Number(g.id), Number(g.im), Number(g.iy));
  return null;
}

export type DateFound = Found<string> & { line: number; context: string };

/** Every date of the text as ISO `yyyy-mm-dd`, with its position and the words before it on its line. */
export function findDates(text: string): DateFound[] {
  const lines = new Map<number, Piece>();
  const { found } = scan(text, DATE, (match, piece) => {
    lines.set(piece.offset + match.index, piece);
    return toIso(match);
  });
  return found.map((date) => {
    const piece = lines.get(date.start)!;
    const before = piece.text.slice(Math.max(0, date.start - piece.offset - 40), date.start - piece.offset);
    return { ...date, line: piece.line, context: before };
  });
}

// Words that make a date something other than the letter's date: deadlines, references, births.
const NOT_LETTER_DATE =
  /(?:vom|v\.|bis(?: zum)?|frist|fällig|spätestens|geboren|geb\.|gültig|zum|ab dem|seit|am|beschluss|datum der|eingang|eingegangen|sitzung)\s*$/i;
const LETTER_DATE = /(?:(?:^|[,\s])den|^\s*datum:?|^[\p{L} .-]{2,40},)\s*$/iu;

/**
 * The letter's date among the dates: the one written as a dateline (`Mühlhausen, den 24. Juni 2020`,
 * `Datum: 24.06.2020`, a date alone on its line) in the upper part; dates after „vom“, „bis zum“,
 * „Frist“ … are other dates. Without a dateline, the first date of the upper part that is not such one.
 */
export function letterDate(dates: DateFound[]): DateFound | null {
  const upper = dates.filter((date) => date.line < 40);
  const dateline = upper.find((date) => LETTER_DATE.test(date.context) || date.context.trim() === '');
  if (dateline && !NOT_LETTER_DATE.test(dateline.context)) return dateline;
  return upper.find((date) => !NOT_LETTER_DATE.test(date.context)) ?? null;
}
