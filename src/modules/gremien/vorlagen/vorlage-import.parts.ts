/** Pieces of the Vorlage import (vorlage-import.models.ts): dates, table rows, votes, signer, Anlagen. */

const DATUM = /\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b/;

/** A German date (24.06.2020, 1.7.20) as ISO date, or null when there is none or it does not exist. */
export function deDatum(text: string): string | null {
  const m = DATUM.exec(text);
  if (!m) return null;
  const [, d, mo, y] = m;
  const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
  const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1) return null;
  return date.toISOString().slice(0, 10);
}

const ZUSTAENDIGKEIT = /\b(Vorberatung|Entscheidung|Kenntnisnahme|Beschlussfassung|Beratung)\b/i;
const STATUS = /^(?:nicht\s*öffentlich|öffentlich|Ö|N)\s+/i;
// JavaScript's \b knows no umlauts: „Ö 4“ is found by its spaces.
const TOP = /(?:^|\s)((?:TOP|Ö|N)\s*\d+(?:\.\d+)*)(?=\s|$)/u;

/**
 * One row of the Beratungsfolge table, columns by tabs or spaces in any order: Gremium, date,
 * TOP, Zuständigkeit, and ALLRIS's status column (öffentlich) in front. Null for a row without date.
 */
export function beratungsZeile(row: string) {
  const text = row.replace(/\t+/g, ' ').replace(/\s+/g, ' ').trim();
  const datum = deDatum(text);
  if (!datum) return null;
  let rest = text.replace(DATUM, ' ');
  const top = TOP.exec(rest)?.[1] ?? null;
  if (top) rest = rest.replace(TOP, ' ');
  const zustaendig = ZUSTAENDIGKEIT.exec(rest)?.[1] ?? null;
  if (zustaendig) rest = rest.replace(ZUSTAENDIGKEIT, ' ');
  rest = rest.replace(/\s+/g, ' ').trim().replace(STATUS, '');
  const zustaendigkeit = zustaendig
    ? /^vorberatung|^beratung/i.test(zustaendig)
      ? 'vorberatung'
      : /^kenntnis/i.test(zustaendig)
        ? 'kenntnisnahme'
        : 'entscheidung'
    : null;
  return rest ? { gremium: rest, datum, top, zustaendigkeit } : null;
}

const ZAHL = (name: string) => new RegExp(`${name}\\s*:?\\s*(\\d+)?`, 'i');

/** Ja/Nein/Enthaltungen from „Ja: 35, Nein: 4, Enthaltungen: 2“ (or the empty printed form). */
export function stimmenOf(text: string) {
  const plain = text.replace(/\s+/g, ' ').trim();
  const read = (re: RegExp) => {
    const m = re.exec(plain);
    return { found: Boolean(m), value: m?.[1] === undefined ? null : Number(m[1]), match: m?.[0] ?? '' };
  };
  const ja = read(ZAHL('\\bja'));
  const nein = read(ZAHL('\\bnein'));
  const enthaltungen = read(ZAHL('\\benthaltung(?:en)?'));
  if (!ja.found && !nein.found && !enthaltungen.found) return { abstimmung: null, rest: plain || null };
  let rest = plain;
  for (const part of [ja, nein, enthaltungen]) if (part.match) rest = rest.replace(part.match, ' ');
  rest = rest.replace(/[\s,;.]+/g, ' ').trim();
  return {
    abstimmung: { ja: ja.value, nein: nein.value, enthaltungen: enthaltungen.value },
    rest: rest || null,
  };
}

const TITEL =
  '(?:Landrat|Landrätin|Oberbürgermeister(?:in)?|Bürgermeister(?:in)?|Beigeordnete[r]?|Dezernent(?:in)?|Kreistagsvorsitzende[r]?|Vorsitzende[r]?|Amtsleiter(?:in)?|Fachdienstleiter(?:in)?)';
const NAME_TITEL = new RegExp(`^(?:gez\\.?\\s*)?(\\S.{0,60}?)[,\\s]+(${TITEL})$`);
const NUR_TITEL = new RegExp(`^${TITEL}$`);
const GEZ = /^gez\.?\s+(\S.{0,60})$/;

/**
 * The signer at the end of a section („Zanker Landrat“; „gez. Dr. Hartmann“ over „Landrätin“), and
 * the section's lines without it. Only the last lines are looked at, so a name in the text stays.
 */
export function unterzeichnerAm(lines: string[]) {
  const idx: number[] = [];
  for (let i = lines.length - 1; i >= 0 && idx.length < 2; i--) if (lines[i]!.trim()) idx.push(i);
  const [last, before] = idx.map((i) => lines[i]!.replace(/\t+/g, ' ').trim());
  const without = (...drop: number[]) => lines.filter((_, i) => !drop.includes(i));
  if (last) {
    const both = NAME_TITEL.exec(last);
    if (both && both[1]!.split(/\s+/).length <= 4)
      return { unterzeichner: last.replace(/^gez\.?\s*/, ''), rest: without(idx[0]!) };
    if (NUR_TITEL.test(last) && before && before.length <= 60 && before.split(/\s+/).length <= 5)
      return {
        unterzeichner: `${before.replace(/^gez\.?\s*/, '')}, ${last}`,
        rest: without(idx[0]!, idx[1]!),
      };
    const gez = GEZ.exec(last);
    if (gez) return { unterzeichner: gez[1]!, rest: without(idx[0]!) };
  }
  return { unterzeichner: null, rest: lines };
}

const ITEM_MARK = /^(?:[-•*]\s+|\d+\s*[-.)]\s+|Anlage\s+\d+\s*[-.:)]?\s*)/i;

/**
 * The list of Anlagen: one per line or bullet („1 - Entwurf“, „- Schulnetzplan“). A single line
 * holding several (the source document's „Kreistagsbeschluss 064-03/19 Zweckvereinbarung 1. Änderung
 * Zweckvereinbarung“) is split after a reference number and before an ordinal („1. Änderung“);
 * `getrennt` says so, for the report.
 */
export function anlagenListe(lines: string[]) {
  const items: string[] = [];
  let getrennt = false;
  const filled = lines.map((l) => l.replace(/\t+/g, ' ').trim()).filter(Boolean);
  for (const line of filled) {
    const text = line.replace(ITEM_MARK, '').trim();
    if (!text) continue;
    const parts =
      filled.length === 1
        ? text
            .split(/(?<=\d[-/]\d+(?:\/\d+)?)\s+(?=\p{Lu})|\s+(?=\d{1,2}\.\s+\p{Lu})/u)
            .map((p) => p.trim())
            .filter(Boolean)
        : [text];
    if (parts.length > 1) getrennt = true;
    items.push(...parts);
  }
  return { items, getrennt };
}
