import { AREA_SUBJECTS } from './areas.ts';
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
  reference: string | null;
  body: string;
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

  function next(): GeneratedDocument {
    counter++;
    const area = r.zipf(AREA_KEYS);
    const def = AREA_SUBJECTS[area]!;
    const subject = r.pick(def.subjects);
    const kind = r.pick(['eingang', 'eingang', 'ausgang', 'ausgang', 'intern'] as const);
    const date = r.date('2019-01-01', '2026-11-20');
    const who = person();
    const where = place();
    const citizen = r.chance(0.8) ? `${who}, ${address(where)}` : `${r.pick(COMPANIES)}, ${address(where)}`;
    const office = `${county.name}, Landratsamt`;
    const reference = r.chance(0.15)
      ? `KT/${r.int(60, 180)}/${r.int(2019, 2026)}`
      : r.chance(0.2)
        ? `${def.kennzeichen}-${String(r.int(1, 400)).padStart(4, '0')}/${date.slice(0, 4)}`
        : null;
    const lastName = who.split(' ').pop()!;
    const title =
      kind === 'eingang'
        ? `${subject} – ${lastName}, ${where}`
        : kind === 'ausgang'
          ? `${r.pick(['Bescheid', 'Schreiben', 'Anhörung', 'Nachforderung'])}: ${subject} – ${lastName}`
          : `${r.pick(['Vermerk', 'Aktennotiz', 'Stellungnahme', 'Verfügung'])} zu ${subject}`;
    const paragraphs: string[] = [];
    paragraphs.push(`Betreff: ${subject}${reference ? ` (Bezug: ${reference})` : ''}`);
    if (kind !== 'intern') paragraphs.push(r.pick(OPENINGS).replace('{name}', lastName));
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
    if (kind === 'eingang') paragraphs.push('Mit freundlichen Grüßen', who);
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
    };
  }

  return { next, subjects: (area: string) => AREA_SUBJECTS[area]?.subjects ?? [], count: () => counter };
}
