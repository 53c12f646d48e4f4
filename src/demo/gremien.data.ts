// Beispieldaten for the council demo: every name, date and vote here is invented, except what the
// source document (KT/103/2020) gives: the Kreistag of the Unstrut-Hainich-Kreis on 24.06.2020.

export const DEMO_COUNTIES = [
  'nordhausen',
  'kyffhaeuserkreis',
  'unstrut-hainich-kreis',
  'wartburgkreis',
] as const;

export const WAHLPERIODEN = [
  { name: '2014–2019', beginn: '2014-07-01', ende: '2019-06-30' },
  { name: '2019–2024', beginn: '2019-07-01', ende: '2024-06-30' },
] as const;

export const GREMIEN = [
  { key: 'KT', name: 'Kreistag', art: 'kreistag', sitze: 12 },
  { key: 'KA', name: 'Kreisausschuss', art: 'kreisausschuss', sitze: 5 },
  {
    key: 'DA',
    name: 'Ausschuss für Digitalisierung und Verwaltungsmodernisierung',
    art: 'ausschuss',
    sitze: 5,
  },
] as const;

const VORNAMEN = [
  'Anna',
  'Bernd',
  'Claudia',
  'Dieter',
  'Elke',
  'Frank',
  'Gabriele',
  'Heiko',
  'Ines',
  'Jörg',
  'Katrin',
  'Lutz',
  'Monika',
  'Norbert',
  'Petra',
  'Rüdiger',
];
const NACHNAMEN = [
  'Albrecht',
  'Brandt',
  'Conrad',
  'Dietz',
  'Eckardt',
  'Fiedler',
  'Gruber',
  'Hartung',
  'Iser',
  'Jahn',
  'Kirchner',
  'Lindner',
  'Möller',
  'Nitzsche',
  'Oehme',
  'Pfeifer',
  'Quaas',
  'Reinhardt',
  'Seidel',
  'Trautmann',
];
export const FRAKTIONEN = [
  'Fraktion Bürgerforum',
  'Fraktion Heimat und Zukunft',
  'Fraktion Land und Leute',
  'Fraktion Freie Wähler Demo',
];

/** 16 fictional people per county (12 in the Kreistag of 2019–2024, 4 who left in 2019). */
export function personen(countyIndex: number) {
  return Array.from({ length: 16 }, (_, i) => ({
    vorname: VORNAMEN[(i + countyIndex * 5) % VORNAMEN.length]!,
    familienname: NACHNAMEN[(i * 3 + countyIndex * 7) % NACHNAMEN.length]!,
  }));
}

/** A year of sessions (2020): the Kreistag four times, each committee twice; `amendment` marks the session of the 1. Änderung. */
export const SITZUNGEN: Array<{ gremium: 'KT' | 'KA' | 'DA'; tag: string; amendment?: true }> = [
  { gremium: 'KA', tag: '2020-02-19' },
  { gremium: 'KT', tag: '2020-03-11' },
  { gremium: 'DA', tag: '2020-05-13' },
  { gremium: 'KT', tag: 'amendment', amendment: true },
  { gremium: 'KT', tag: '2020-09-23' },
  { gremium: 'KA', tag: '2020-10-14' },
  { gremium: 'DA', tag: '2020-11-18' },
  { gremium: 'KT', tag: '2020-12-09' },
];

/** The day each Kreistag resolved the 1. Änderung: the source document's for the Unstrut-Hainich-Kreis, sample dates otherwise. */
export const AMENDMENT_DAY: Record<string, string> = {
  nordhausen: '2020-06-17',
  kyffhaeuserkreis: '2020-06-22',
  'unstrut-hainich-kreis': '2020-06-24',
  wartburgkreis: '2020-06-29',
};
/** Sample Drucksachen-Nr. of the amendment Vorlage in the other counties (KT/103/2020 is the source's). */
export const AMENDMENT_NR: Record<string, string> = {
  nordhausen: 'KT/047/2020',
  kyffhaeuserkreis: 'KT/052/2020',
  wartburgkreis: 'KT/061/2020',
};
export const AMENDMENT_SIGNED: Record<string, { am: string; von: string }> = {
  nordhausen: { am: '2020-07-06', von: 'Landrat (Beispieldaten)' },
  kyffhaeuserkreis: { am: '2020-07-08', von: 'Landrätin (Beispieldaten)' },
  'unstrut-hainich-kreis': { am: '2020-07-09', von: 'Zanker, Landrat' },
  wartburgkreis: { am: '2020-07-13', von: 'Landrat (Beispieldaten)' },
};

export const AMENDMENT = {
  titel:
    '1. Änderung der Zweckvereinbarung zur Gründung eines interkommunalen Serviceteams im Bereich E-Government',
  wortlaut: [
    '1. Änderung der Zweckvereinbarung zur Gründung eines interkommunalen Serviceteams im Bereich E-Government',
    '',
    'Artikel 1: Der Wartburgkreis tritt der Zweckvereinbarung zwischen dem Landkreis Nordhausen, dem Kyffhäuserkreis und dem Unstrut-Hainich-Kreis bei. Beteiligte sind damit vier Landkreise.',
    'Artikel 2: Die Kosten des Serviceteams tragen die Beteiligten zu gleichen Teilen.',
    'Artikel 3: Die Änderung wird am Tag nach ihrer Bekanntmachung wirksam.',
    '',
    '(Beispieldaten: Der Wortlaut der Anlage liegt dem Ausgangsdokument nicht bei; dieser Text ist erfunden.)',
  ].join('\n'),
  genehmigung: { am: '2020-08-12', aktenzeichen: '210-1511-03/2020 (Beispieldaten)' },
  bekanntmachung: { am: '2020-08-24', amtsblatt: 'Thüringer Staatsanzeiger Nr. 35/2020 (Beispieldaten)' },
  kostenschluessel: { nordhausen: 25, kyffhaeuserkreis: 25, 'unstrut-hainich-kreis': 25, wartburgkreis: 25 },
};

/** Sample Vorlagen per session (by Gremium and the session's place in the year). */
export const BETREFFE: Record<'KT' | 'KA' | 'DA', string[]> = {
  KT: [
    'Haushaltssatzung und Haushaltsplan 2020',
    'Beteiligungsbericht 2019 der kreiseigenen Gesellschaften',
    'Schulnetzplanung des Landkreises: Fortschreibung',
    'Jahresabschluss 2019 und Entlastung des Landrats',
  ],
  KA: [
    'Vergabe: Beschaffung eines Dokumentenmanagementsystems (Vorberatung)',
    'Überplanmäßige Ausgaben Digitalisierung der Schulen',
  ],
  DA: ['Stand der OZG-Umsetzung im Landkreis', 'Einführung der E-Akte in den Fachbereichen: Zeitplan'],
};
