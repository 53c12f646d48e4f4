import type { Found } from './scan.ts';

const ORGANISATION =
  /\b(?:Landratsamt|Landkreis|Kreisverwaltung|Stadtverwaltung|Stadt|Gemeinde|Verwaltungsgemeinschaft|Amt|Ministerium|Behörde|Gericht|Finanzamt|Jobcenter|Agentur|Kreis|GmbH|AG|e\. ?V\.|KG|OHG|UG|Sparkasse|Bank|Verband|Zweckverband|Kammer|Universität|Schule|Polizei)\b/u;
const ADDRESS =
  /\b\d{5}\s+\p{L}|\b(?:Straße|Str\.|Weg|Platz|Allee|Ring|Gasse)\s*\d|^(?:Tel|Fax|E-Mail|Telefon|www\.)/iu;
const STOP = /^(?:Betreff|Betr\.|Sehr geehrte|Guten Tag|Hallo|Ihr Zeichen|Unser Zeichen|Aktenzeichen)/i;
const LABEL = /^(?:Absender|Von)\s*:\s*(?<name>.{2,120})$/i;

/**
 * The sender from the letterhead: a line „Absender: …“, else the first line of the head (before the
 * subject or salutation, at most the first 15 lines) that names an organisation, else the first
 * line of the head that is no address, phone or date line.
 */
export function findSender(text: string): Found | null {
  const lines = text.slice(0, 5_000).split('\n').slice(0, 15);
  const head: Array<{ line: string; start: number }> = [];
  let offset = 0;
  for (const raw of lines) {
    const line = raw.trim();
    const start = offset + raw.indexOf(line);
    offset += raw.length + 1;
    if (STOP.test(line)) break;
    if (line.length >= 3 && line.length <= 120) head.push({ line, start });
  }
  const labelled = head.map((entry) => ({ entry, match: LABEL.exec(entry.line) })).find((x) => x.match);
  if (labelled?.match?.groups?.name) {
    const name = labelled.match.groups.name.split(/\s*[,|·•]\s*/)[0]!.trim();
    const start = labelled.entry.start + labelled.entry.line.indexOf(name);
    return { value: name, raw: name, start, end: start + name.length };
  }
  const plain = (entry: { line: string }) =>
    !ADDRESS.test(entry.line) && !/\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}/.test(entry.line);
  const chosen = head.find((entry) => ORGANISATION.test(entry.line) && plain(entry)) ?? head.find(plain);
  if (!chosen) return null;
  // "Landratsamt X, Straße 1, 99974 Ort": the name is the part before the first comma.
  const value = chosen.line.split(/\s*[,|·•]\s*/)[0]!.trim();
  return { value, raw: value, start: chosen.start, end: chosen.start + value.length };
}
