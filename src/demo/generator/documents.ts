import { AREA_SUBJECTS } from './areas.ts';
import { citationOf, citesCase, type GeneratedCase, objektOf } from './cases.ts';
import { createRandom } from './random.ts';
import {
  ADJECTIVES,
  CLOSINGS,
  COMPANIES,
  FIRST_NAMES,
  LAST_NAMES,
  LAWS,
  NOUNS,
  OPENINGS,
  ORGS,
  POSTCODES,
  SENTENCES,
  STREETS,
} from './vocabulary.ts';

export type GeneratedDocument = {
  title: string;
  kind: 'eingang' | 'ausgang' | 'intern';
  date: string;
  sender: string | null;
  recipient: string | null;
  area: string;
  subject: string;
  /** The case's Zeichen this document cites, or null (about a third cite nothing). */
  reference: string | null;
  body: string;
  /** The Vorgang the document belongs to: documents with the same key are one Vorgang. */
  vorgang: { key: string; aktenzeichen: string; betreff: string; position: number };
};

export const AREAS = Object.entries(AREA_SUBJECTS).map(([key, a]) => ({
  key,
  kennzeichen: a.kennzeichen,
  title: a.title,
}));
const AREA_KEYS = Object.keys(AREA_SUBJECTS);

const euro = (cents: number) =>
  `${Math.floor(cents / 100).toLocaleString('de-DE')},${String(cents % 100).padStart(2, '0')} €`;
const dateDe = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * Deterministic generator of realistic German administrative documents (letters, notices,
 * notes) for demo data and search benchmarks. Same seed, same documents.
 */
export function createDocumentGenerator(options: {
  seed: number;
  county?: { name: string; places: string[] };
}) {
  const r = createRandom(options.seed);
  const county = options.county ?? { name: 'Landkreis', places: Object.keys(POSTCODES) };
  const person = () => `${r.pick(FIRST_NAMES)} ${r.zipf(LAST_NAMES)}`;
  const place = () => r.pick(county.places);
  const address = (p: string) => `${r.pick(STREETS)} ${r.int(1, 120)}, ${POSTCODES[p] ?? '99999'} ${p}`;
  let counter = 0;

  function sentence(area: string) {
    return r
      .zipf(SENTENCES)
      .replace(/\{noun\}/g, () => r.zipf(NOUNS))
      .replace(/\{noun2\}/g, () => r.zipf(NOUNS))
      .replace(/\{law\}/g, () => r.pick(LAWS))
      .replace(/\{amount\}/g, () => euro(r.int(500, 25_000_000)))
      .replace(/\{date\}/g, () => dateDe(r.date('2019-01-01', '2026-12-31')))
      .replace(/\{adjective\}/g, () => r.pick(ADJECTIVES))
      .replace(/\{place\}/g, place)
      .replace(/\{street\}/g, () => r.pick(STREETS))
      .replace(/\{number\}/g, () => String(r.int(1, 99)))
      .replace(/\{flur\}/g, () => `${r.int(1, 30)}/${r.int(1, 400)}`)
      .replace(/\{org\}/g, () => r.pick(ORGS))
      .replace(/\{person\}/g, () => `${r.zipf(LAST_NAMES)}`)
      .replace(/\{weeks\}/g, () => String(r.int(2, 12)))
      .replace(/\{drucksache\}/g, () => `KT/${r.int(100, 180)}/${r.int(2019, 2026)}`)
      .concat(
        area === 'egov' && r.chance(0.3)
          ? ' Dies betrifft auch die Nachnutzung durch die Mitglieder des Verbunds.'
          : '',
      );
  }

  // The open case per area and subject: its next documents go to it until it has its length.
  const open = new Map<string, GeneratedCase>();
  const numbers = new Map<string, number>();
  const plate = county.places[0]!.normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 3)
    .toUpperCase();
  const addDays = (iso: string, days: number) => {
    const d = new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    return d > '2026-11-20' ? '2026-11-20' : d;
  };

  function caseFor(area: string, subject: string): GeneratedCase {
    const key = `${area}|${subject}`;
    const current = open.get(key);
    if (current && current.count < current.length) return current;
    const kennzeichen = AREA_SUBJECTS[area]!.kennzeichen;
    const number = (numbers.get(kennzeichen) ?? 0) + 1;
    numbers.set(kennzeichen, number);
    const start = r.date('2019-01-01', '2026-10-01');
    const where = place();
    const company = r.chance(0.2);
    const name = company ? r.pick(COMPANIES) : person();
    const lastName = company ? name : name.split(' ').pop()!;
    const created: GeneratedCase = {
      key: `${key}|${number}`,
      aktenzeichen: `${kennzeichen}-${String(number).padStart(4, '0')}/${start.slice(0, 4)}`,
      betreff: `${subject} – ${lastName}, ${where}`,
      applicant: { name, lastName, place: where, address: address(where) },
      objekt: objektOf({ r, area, place: where, plate }),
      start,
      length: r.int(2, 4),
      count: 0,
    };
    open.set(key, created);
    return created;
  }

  function next(): GeneratedDocument {
    counter++;
    const area = r.zipf(AREA_KEYS);
    const def = AREA_SUBJECTS[area]!;
    const subject = r.pick(def.subjects);
    const c = caseFor(area, subject);
    const position = c.count++;
    // A case usually starts with the application (an incoming letter).
    const kind =
      position === 0 && r.chance(0.7)
        ? 'eingang'
        : r.pick(['eingang', 'eingang', 'ausgang', 'ausgang', 'intern'] as const);
    const date = addDays(c.start, position * r.int(5, 40));
    const { lastName, place: where } = c.applicant;
    const citizen = `${c.applicant.name}, ${c.applicant.address}`;
    const office = `${county.name}, Landratsamt`;
    const reference = citesCase({ r, position }) ? c.aktenzeichen : null;
    const title =
      kind === 'eingang'
        ? `${subject} – ${lastName}, ${where}`
        : kind === 'ausgang'
          ? `${r.pick(['Bescheid', 'Schreiben', 'Anhörung', 'Nachforderung'])}: ${subject} – ${lastName}`
          : `${r.pick(['Vermerk', 'Aktennotiz', 'Stellungnahme', 'Verfügung'])} zu ${subject}`;
    const paragraphs: string[] = [];
    if (reference) paragraphs.push(citationOf({ r, kind, aktenzeichen: reference }));
    paragraphs.push(`Betreff: ${subject}`, c.objekt);
    if (kind === 'intern') paragraphs.push(`Beteiligt: ${citizen}`);
    else paragraphs.push(r.pick(OPENINGS).replace('{name}', lastName));
    const words = r.int(150, 1200);
    let count = 0;
    while (count < words) {
      const sentences = Array.from({ length: r.int(2, 6) }, () => sentence(area));
      const paragraph = sentences.join(' ');
      count += paragraph.split(' ').length;
      paragraphs.push(paragraph);
    }
    if (kind === 'ausgang')
      paragraphs.push(r.pick(CLOSINGS), 'Mit freundlichen Grüßen', `Im Auftrag\n${person()}`);
    if (kind === 'eingang') paragraphs.push('Mit freundlichen Grüßen', c.applicant.name);
    paragraphs.push('(Beispieldaten: Namen, Anschriften, Nummern und Zeichen sind erfunden.)');
    return {
      title,
      kind,
      date,
      sender: kind === 'eingang' ? citizen : kind === 'ausgang' ? office : null,
      recipient: kind === 'ausgang' ? citizen : kind === 'eingang' ? office : null,
      area,
      subject,
      reference,
      body: paragraphs.join('\n\n'),
      vorgang: { key: c.key, aktenzeichen: c.aktenzeichen, betreff: c.betreff, position },
    };
  }

  return { next, subjects: (area: string) => AREA_SUBJECTS[area]?.subjects ?? [], count: () => counter };
}
