import { berichtOf } from './vorlage-import.bericht.ts';
import { anlagenListe, beratungsZeile, deDatum, stimmenOf, unterzeichnerAm } from './vorlage-import.parts.ts';

/**
 * Import of a council paper (Beschlussvorlage) from its text – Markdown, plain text, or the text
 * layer of a PDF – into the fields of a Vorlage. Read line by line: a label („Einreicher:“,
 * „Betr.:“, „Der Kreistag möge beschließen:“, „Begründung:“ …) opens a field or a section, the
 * lines up to the next label belong to it. Whatever is not recognised is kept as text with its line
 * number and reported – never dropped. Layouts covered: the source document KT/103/2020, and
 * Vorlagen as ALLRIS and SessionNet publish them.
 */

export type Beratung = {
  gremium: string;
  datum: string | null;
  top: string | null;
  zustaendigkeit: string | null;
};
export type Abstimmung = { ja: number | null; nein: number | null; enthaltungen: number | null };
export type Unerkannt = { zeile: number; ueberschrift: string | null; text: string };

export type ImportierteVorlage = {
  koerperschaft: string | null;
  art: string | null;
  oeffentlich: boolean | null;
  drucksachenNr: string | null;
  einreicher: string | null;
  einreichung: string | null;
  beratungsfolge: Beratung[];
  betreff: string | null;
  beschlussvorschlag: string | null;
  begruendung: string | null;
  unterzeichner: string | null;
  anlagen: string[];
  abstimmung: Abstimmung | null;
  fusszeilen: string[];
  unerkannt: Unerkannt[];
};

export type ImportBericht = {
  erkannt: string[];
  fehlend: string[];
  unerkannt: Unerkannt[];
  hinweise: string[];
  vollstaendig: boolean;
};

type Field = 'drucksachenNr' | 'einreicher' | 'einreichung';
type Section = 'beratungsfolge' | 'betreff' | 'beschlussvorschlag' | 'begruendung' | 'anlagen' | 'abstimmung';
type Label = { re: RegExp; field?: Field; section?: Section };

// Labels as printed; the text after the colon (if any) is the value or the section's first line. A
// section label stands alone or ends in a colon, so „Betreffend …“ in running text is no label.
const END = String.raw`\s*(?::\s*(.*)|$)`;
const label = (words: string, flags = 'i') => new RegExp(`^(?:${words})${END}`, flags);
const LABELS: Label[] = [
  {
    re: /^(?:(?:drucksachen-?(?:nr\.?|nummer)|drucksache|vorlagen-?(?:nr\.?|nummer)|vorlage\s+nr\.?)\s*:|vorlage\s+[-–])\s*(.*)$/i,
    field: 'drucksachenNr',
  },
  {
    re: /^(?:einreicher(?:\/?in)?|verfasser(?:\/?in)?|federführend|antragsteller(?:\/?in)?)\s*:\s*(.*)$/i,
    field: 'einreicher',
  },
  { re: /^(?:einreichung|datum|eingereicht am)\s*:\s*(.*)$/i, field: 'einreichung' },
  { re: /^beratungsfolge\b:?\s*(.*)$/i, section: 'beratungsfolge' },
  { re: label(String.raw`betr\.|betreff`), section: 'betreff' },
  {
    re: label(
      String.raw`(?:der|die|das)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(?:möge|wolle)\s+beschließen|beschlussvorschlag|beschlussempfehlung|beschlusstext`,
      'iu',
    ),
    section: 'beschlussvorschlag',
  },
  {
    re: label(String.raw`begründung|sachverhalt(?:\s*\/\s*begründung)?|sachdarstellung`),
    section: 'begruendung',
  },
  { re: label(String.raw`anlagen?|anlage\(n\)|anlage\/n`), section: 'anlagen' },
  { re: label(String.raw`abstimmungsergebnis|abstimmung`), section: 'abstimmung' },
];
// The kind of paper in the head („Beschlussvorlage öffentlich“, ALLRIS „Vorlage-Art: Beschlussvorlage“).
const ART =
  /^(?:vorlage-?art\s*:\s*)?((?:beschluss|informations|mitteilungs)vorlage|antrag|anfrage)\b\s*(.*)$/i;

// ALLRIS prints the public state on its own line in the head.
const STATUS_LINE = /^status\s*:\s*(nicht\s*)?öffentlich$/i;

// Cyrillic and Greek letters that look Latin (the source document's „ТОР“), for reading labels only.
const LOOKALIKE: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
};
const latin = (s: string) => s.replace(/[А-Яа-я]/g, (ch) => LOOKALIKE[ch] ?? ch);

/** A line without Markdown and HTML markup (headings, emphasis, underline), tabs kept as column gaps. */
export function plainLine(line: string) {
  return line
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/\s+$/, '');
}

const FOOTER = /^(?:(.*?)\s*)?Seite\s+\d+\s+von\s+\d+(.*)$/i;
const UNKNOWN_HEADING = /^([\p{L}][\p{L}\s/()-]{2,60}):\s*(.*)$/u;
const LIST_MARK = /^(?:[-•*]\s|\d+\s*[-.)]\s|[a-z]\)\s)/;

/** Lines to text: paragraphs by blank lines, wrapped lines joined, list items kept on their own line. */
function textOf(lines: string[]) {
  const paragraphs: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.replace(/\t+/g, ' ').trim();
    if (!line) {
      if (current) paragraphs.push(current);
      current = '';
    } else current = current ? `${current}${LIST_MARK.test(line) ? '\n' : ' '}${line}` : line;
  }
  if (current) paragraphs.push(current);
  return paragraphs.join('\n\n') || null;
}

export function parseVorlageText(source: string): { vorlage: ImportierteVorlage; bericht: ImportBericht } {
  const vorlage: ImportierteVorlage = {
    koerperschaft: null,
    art: null,
    oeffentlich: null,
    drucksachenNr: null,
    einreicher: null,
    einreichung: null,
    beratungsfolge: [],
    betreff: null,
    beschlussvorschlag: null,
    begruendung: null,
    unterzeichner: null,
    anlagen: [],
    abstimmung: null,
    fusszeilen: [],
    unerkannt: [],
  };
  const hinweise: string[] = [];
  const sections = new Map<Section, Array<{ text: string; zeile: number }>>();
  let section: Section | 'unbekannt' | 'kopf' = 'kopf';
  let unknown: Unerkannt | null = null;
  const keepUnknown = (zeile: number, ueberschrift: string | null, text: string) => {
    unknown = { zeile, ueberschrift, text };
    vorlage.unerkannt.push(unknown);
  };

  const lines = source.replace(/\r\n?/g, '\n').split('\n').map(plainLine);
  lines.forEach((line, index) => {
    const zeile = index + 1;
    const trimmed = line.trim();
    const footer = FOOTER.exec(trimmed);
    if (footer) {
      vorlage.fusszeilen.push(trimmed);
      return;
    }
    const art =
      (section === 'kopf' && !vorlage.art) || /^vorlage-?art\s*:/i.test(trimmed) ? ART.exec(trimmed) : null;
    if (art) {
      vorlage.art = art[1]!.toLowerCase();
      const value = art[2]!.trim();
      if (/nicht\s*öffentlich/i.test(value)) vorlage.oeffentlich = false;
      else if (/öffentlich/i.test(value)) vorlage.oeffentlich = true;
      const rest = value.replace(/nicht\s*öffentlich|öffentlich/i, '').trim();
      if (rest) keepUnknown(zeile, null, rest);
      section = 'kopf';
      return;
    }
    const status = STATUS_LINE.exec(trimmed);
    if (status) {
      vorlage.oeffentlich = !status[1];
      section = 'kopf';
      return;
    }
    const label = trimmed ? LABELS.find((l) => l.re.test(latin(trimmed))) : undefined;
    if (label) {
      const value = (latin(trimmed).match(label.re)?.[1] ?? '').trim();
      const original = value ? trimmed.slice(trimmed.length - value.length) : '';
      if (label.field) {
        if (vorlage[label.field] !== null && original) {
          // A second value (ALLRIS prints „Datum:“ in the Beratungsfolge too): kept, not overwritten.
          keepUnknown(zeile, null, trimmed);
          return;
        }
        vorlage[label.field] =
          label.field === 'einreichung' ? (deDatum(original) ?? original) : original || null;
        if (label.field === 'einreichung' && original && !deDatum(original))
          hinweise.push(`Zeile ${zeile}: „${original}“ ist kein Datum; als Text übernommen.`);
        section = 'kopf';
        return;
      }
      section = label.section!;
      unknown = null;
      const list = sections.get(section) ?? [];
      sections.set(section, list);
      // A header row of the Beratungsfolge table („Termin TOP“, „Datum Gremium“) is no entry.
      if (original && !(section === 'beratungsfolge' && !/\d/.test(original)))
        list.push({ text: original, zeile });
      return;
    }
    if (section === 'kopf' || section === 'unbekannt') {
      if (!trimmed) return;
      const heading = UNKNOWN_HEADING.exec(trimmed);
      if (section === 'kopf' && !vorlage.koerperschaft && index < 5 && !heading) {
        vorlage.koerperschaft = trimmed;
        return;
      }
      if (heading) {
        section = 'unbekannt';
        keepUnknown(zeile, heading[1]!, heading[2] ?? '');
        return;
      }
      const open = unknown as Unerkannt | null;
      if (section === 'unbekannt' && open) open.text = open.text ? `${open.text}\n${trimmed}` : trimmed;
      else keepUnknown(zeile, null, trimmed);
      return;
    }
    // Inside a known section, a line like „Finanzielle Auswirkungen:“ opens an unknown one.
    // Only a heading alone on its line after a blank one, so a sentence with a colon stays text.
    const heading = UNKNOWN_HEADING.exec(trimmed);
    const previous = sections.get(section)!.at(-1)?.text.trim() ?? '';
    if (
      heading &&
      !heading[2] &&
      section !== 'abstimmung' &&
      !previous &&
      heading[1]!.split(/\s+/).length <= 5 &&
      /^\p{Lu}/u.test(trimmed)
    ) {
      section = 'unbekannt';
      keepUnknown(zeile, heading[1]!, heading[2] ?? '');
      return;
    }
    sections.get(section)!.push({ text: line, zeile });
  });

  const linesOf = (s: Section) => sections.get(s) ?? [];
  for (const { text, zeile } of linesOf('beratungsfolge')) {
    if (!text.trim()) continue;
    const row = beratungsZeile(text);
    if (row) vorlage.beratungsfolge.push(row);
    else if (!/^(?:status\s+)?(?:datum|termin|gremium|sitzung)\b/i.test(latin(text.trim())))
      keepUnknown(zeile, 'Beratungsfolge', text.trim());
  }
  vorlage.betreff = textOf(linesOf('betreff').map((l) => l.text));
  vorlage.beschlussvorschlag = textOf(linesOf('beschlussvorschlag').map((l) => l.text));
  const begruendung = linesOf('begruendung').map((l) => l.text);
  const signed = unterzeichnerAm(begruendung);
  vorlage.unterzeichner = signed.unterzeichner;
  vorlage.begruendung = textOf(signed.rest);
  if (!vorlage.unterzeichner) {
    // SessionNet puts „gez. …“ after the Anlagen.
    const after = unterzeichnerAm(linesOf('anlagen').map((l) => l.text));
    if (after.unterzeichner) {
      vorlage.unterzeichner = after.unterzeichner;
      sections.set(
        'anlagen',
        after.rest.map((text) => ({ text, zeile: 0 })),
      );
    }
  }
  const anlagen = anlagenListe(linesOf('anlagen').map((l) => l.text));
  vorlage.anlagen = anlagen.items;
  if (anlagen.getrennt)
    hinweise.push('Die Anlagen standen in einer Zeile; sie wurden an Nummern getrennt – bitte prüfen.');
  if (sections.has('abstimmung')) {
    const text = linesOf('abstimmung')
      .map((l) => l.text)
      .join(' ');
    const stimmen = stimmenOf(text);
    vorlage.abstimmung = stimmen.abstimmung;
    if (stimmen.rest) keepUnknown(linesOf('abstimmung')[0]?.zeile ?? 0, 'Abstimmung', stimmen.rest);
  }
  return { vorlage, bericht: berichtOf(vorlage, hinweise) };
}
