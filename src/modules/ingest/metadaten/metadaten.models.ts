import { type DateFound, findDates, letterDate } from './dates.ts';
import { findBetraege, findIbans } from './money.ts';
import { findAktenzeichen, findBeschluesse, findDrucksachen } from './references.ts';
import type { Found } from './scan.ts';
import { findSender } from './sender.ts';

/** A suggestion with where it stands in the text (offsets into the version's extracted text). */
export type Suggestion<T = string> = { wert: T; text: string; von: number; bis: number };

const suggestion = <T>(found: Found<T>): Suggestion<T> => ({
  wert: found.value,
  text: found.raw,
  von: found.start,
  bis: found.end,
});

/** Drops repeats of the same value (the first occurrence stays) and keeps at most `max`. */
function distinct<T>(items: Array<Suggestion<T>>, max = 20) {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(String(item.wert)) && seen.add(String(item.wert))).slice(0, max);
}

/**
 * Metadata suggested from a document's text, each with its source position, for the user to
 * confirm: the letter's date (told apart from other dates), every other date, Aktenzeichen in the
 * county's pattern, Drucksachen-Nr., Beschlussnummern, the sender from the letterhead, IBANs (with
 * valid check digits) and amounts in euros (cents). Pure and bounded in time (scan.ts).
 */
export function suggestMetadata({
  text,
  aktenzeichenMuster,
  kreisschluessel,
}: {
  text: string;
  aktenzeichenMuster: string;
  kreisschluessel?: string;
}) {
  const dates = findDates(text);
  const brief: DateFound | null = letterDate(dates);
  // A Beschlussnummer (KT/065-03/19) is no Drucksache; Drucksachen (KT/103/2020) are no Beschluss.
  const beschluesse = findBeschluesse(text);
  return {
    briefdatum: brief ? suggestion(brief) : null,
    daten: distinct(dates.filter((date) => date !== brief).map(suggestion)),
    absender: (() => {
      const sender = findSender(text);
      return sender ? suggestion(sender) : null;
    })(),
    aktenzeichen: distinct(findAktenzeichen(text, aktenzeichenMuster, kreisschluessel).map(suggestion)),
    drucksachen: distinct(findDrucksachen(text).map(suggestion)),
    beschluesse: distinct(beschluesse.map(suggestion)),
    ibans: distinct(findIbans(text).map(suggestion)),
    betraege: distinct(findBetraege(text).map(suggestion)),
  };
}

export type MetadataSuggestions = ReturnType<typeof suggestMetadata>;
