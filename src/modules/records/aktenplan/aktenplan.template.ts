/**
 * The Verbund's standard filing plan (Aktenplan), modelled on the KGSt structure of county
 * administrations. It is Verbund-level content: every member adopts it on onboarding and may add
 * its own units below. Retention in years; null = dauernd (permanent).
 */
export const STANDARD_TEMPLATE_ID = 'verbund-standard';
export const STANDARD_TEMPLATE_NAME = 'Verbund-Aktenplan (Landkreise)';

type Unit = [
  kennzeichen: string,
  titel: string,
  jahre: number | null,
  aussonderung: 'A' | 'B' | 'V',
  v?: 'intern' | 'vertraulich',
];

export const STANDARD_TEMPLATE_UNITS: Unit[] = [
  ['00', 'Organisation und Verwaltungsführung', 10, 'B'],
  ['00.10', 'Kreistag und Ausschüsse', null, 'A'],
  ['00.10.01', 'Sitzungen, Beschlussvorlagen und Niederschriften', null, 'A'],
  ['00.20', 'Interkommunale Zusammenarbeit, Zweckvereinbarungen', null, 'A'],
  ['00.30', 'E-Government, OZG-Umsetzung und Digitalisierung', 10, 'B'],
  ['00.30.01', 'Dokumentenmanagement und E-Akte', 10, 'B'],
  ['00.30.02', 'Fachverfahren und Schnittstellen', 10, 'B'],
  ['00.40', 'Allgemeiner Schriftverkehr', 5, 'V'],
  ['01', 'Personal', 10, 'B', 'intern'],
  ['01.10', 'Stellenbesetzung und Ausschreibungen', 6, 'V', 'intern'],
  ['01.20', 'Personalakten', 50, 'B', 'vertraulich'],
  ['02', 'Finanzen und Haushalt', 10, 'B'],
  ['02.10', 'Haushaltsplanung', 10, 'A'],
  ['02.20', 'Fördermittel und Zuwendungen', 10, 'B'],
  ['02.30', 'Gebühren, Kostenerstattung und Vollstreckung', 6, 'V', 'intern'],
  ['03', 'Öffentliche Sicherheit und Ordnung', 10, 'B'],
  ['03.10', 'Straßenverkehr', 10, 'B'],
  ['03.10.01', 'Kfz-Zulassung', 6, 'V', 'intern'],
  ['03.10.02', 'Fahrerlaubnisse', 10, 'V', 'intern'],
  ['03.10.03', 'Bewohnerparken und Parkerleichterungen', 6, 'V'],
  ['03.20', 'Waffen- und Jagdrecht', 10, 'B', 'intern'],
  ['03.30', 'Gewerbe- und Gaststättenrecht', 10, 'B'],
  ['04', 'Soziales', 10, 'B', 'intern'],
  ['04.10', 'Wohngeld', 10, 'V', 'vertraulich'],
  ['04.20', 'Grundsicherung und Hilfe zum Lebensunterhalt', 10, 'V', 'vertraulich'],
  ['04.30', 'Eingliederungshilfe', 10, 'B', 'vertraulich'],
  ['05', 'Jugend, Schule und Bildung', 10, 'B'],
  ['05.10', 'Schulverwaltung und Schülerbeförderung', 10, 'B'],
  ['05.20', 'Kinder- und Jugendhilfe', 10, 'B', 'vertraulich'],
  ['06', 'Gesundheit', 10, 'B', 'intern'],
  ['07', 'Bauen, Planen und Wohnen', 30, 'B'],
  ['07.10', 'Baugenehmigungen', 30, 'B'],
  ['07.20', 'Bauleitplanung', null, 'A'],
  ['08', 'Umwelt, Natur- und Denkmalschutz', 30, 'B'],
  ['08.10', 'Naturschutz und Landschaftspflege', 30, 'A'],
  ['08.20', 'Abfall und Immissionsschutz', 10, 'B'],
  ['09', 'Wirtschaft, Verkehr und ÖPNV', 10, 'B'],
];

export const DEFAULT_KENNZEICHEN = '00.40';
