// Demo data of the Steuerung (issue 13, point 9): who analysed which Fachverfahren, who uses which
// connector, how many Anträge a county receives per year and how long they take. Everything here
// except the members and the services is invented and marked as Beispieldaten where it is stored.

export const BEISPIEL = '(Beispieldaten)';

/** Two Fachverfahren per county, each registered as an API client of that county. */
export const DEMO_FACHVERFAHREN: Record<string, Array<{ kennung: string; name: string }>> = {
  nordhausen: [
    { kennung: 'wohngeld', name: `Wohngeldverfahren ${BEISPIEL}` },
    { kennung: 'parkausweise', name: `Parkausweisverwaltung ${BEISPIEL}` },
  ],
  kyffhaeuserkreis: [
    { kennung: 'wohngeld', name: `Wohngeldverfahren ${BEISPIEL}` },
    { kennung: 'waffenrecht', name: `Waffenverwaltung ${BEISPIEL}` },
  ],
  'unstrut-hainich-kreis': [
    { kennung: 'fahrerlaubnis', name: `Fahrerlaubnisverfahren ${BEISPIEL}` },
    { kennung: 'kfz-zulassung', name: `Kfz-Zulassungsverfahren ${BEISPIEL}` },
  ],
  wartburgkreis: [
    { kennung: 'kfz-zulassung', name: `Kfz-Zulassungsverfahren ${BEISPIEL}` },
    { kennung: 'jagd-waffen', name: `Jagd- und Waffenverwaltung ${BEISPIEL}` },
  ],
};

export type DemoConnector = {
  id: string;
  name: string;
  /** The county that analysed the procedure and defined the connector for the Verbund. */
  owner: string;
  leistung: string;
  transport: 'verzeichnis' | 'webhook';
  /** Counties that activated it (the owner first); the others leave it pending. */
  aktiv: string[];
};

/**
 * Connectors on "Antrag eingegangen" of one service each. The Wohngeld procedure was analysed by the
 * Kyffhäuserkreis, vehicle registration by the Wartburgkreis, driving licences by the
 * Unstrut-Hainich-Kreis, residents' parking by Nordhausen; the others reuse them. Directory drops
 * go to the data directory, so deliveries of new Anträge succeed on a demo machine; the weapons
 * connector posts to a host that does not exist (`.invalid`) — its receiver is "down" on purpose.
 */
export const DEMO_CONNECTORS: DemoConnector[] = [
  {
    id: 'wohngeld-fachverfahren',
    name: 'Wohngeldverfahren: Antrag übergeben',
    owner: 'kyffhaeuserkreis',
    leistung: 'wohngeld',
    transport: 'verzeichnis',
    aktiv: ['kyffhaeuserkreis', 'nordhausen', 'unstrut-hainich-kreis', 'wartburgkreis'],
  },
  {
    id: 'kfz-zulassung',
    name: 'Kfz-Zulassung: Außerbetriebsetzung übergeben',
    owner: 'wartburgkreis',
    leistung: 'kfz-ausserbetriebsetzung',
    transport: 'verzeichnis',
    aktiv: ['wartburgkreis', 'unstrut-hainich-kreis', 'nordhausen'],
  },
  {
    id: 'fahrerlaubnis',
    name: 'Fahrerlaubnisverfahren: Umtausch übergeben',
    owner: 'unstrut-hainich-kreis',
    leistung: 'fuehrerschein-umtausch',
    transport: 'verzeichnis',
    aktiv: ['unstrut-hainich-kreis', 'wartburgkreis', 'kyffhaeuserkreis'],
  },
  {
    id: 'parkausweise',
    name: 'Parkausweisverwaltung: Antrag übergeben',
    owner: 'nordhausen',
    leistung: 'bewohnerparkausweis',
    transport: 'verzeichnis',
    aktiv: ['nordhausen', 'wartburgkreis'],
  },
  {
    id: 'waffenverwaltung',
    name: 'Waffenverwaltung: Antrag übergeben',
    owner: 'kyffhaeuserkreis',
    leistung: 'waffenbesitzkarte',
    transport: 'webhook',
    aktiv: ['kyffhaeuserkreis', 'unstrut-hainich-kreis'],
  },
];

/** The county whose receiver of `waffenverwaltung` fails: dead letters and one delivery still retrying. */
export const GESTOERT = { connector: 'waffenverwaltung', tenant: 'unstrut-hainich-kreis' };

/** Anträge per year and county by service (0: the county does not use it — the heatmap shows a gap). */
export const ANTRAEGE_JE_JAHR: Record<string, Record<string, number>> = {
  nordhausen: {
    bewohnerparkausweis: 420,
    wohngeld: 380,
    'kfz-ausserbetriebsetzung': 300,
    'fuehrerschein-umtausch': 260,
    jagdschein: 0,
    waffenbesitzkarte: 40,
  },
  kyffhaeuserkreis: {
    bewohnerparkausweis: 120,
    wohngeld: 340,
    'kfz-ausserbetriebsetzung': 240,
    'fuehrerschein-umtausch': 220,
    jagdschein: 60,
    waffenbesitzkarte: 70,
  },
  'unstrut-hainich-kreis': {
    bewohnerparkausweis: 260,
    wohngeld: 420,
    'kfz-ausserbetriebsetzung': 360,
    'fuehrerschein-umtausch': 330,
    jagdschein: 70,
    waffenbesitzkarte: 60,
  },
  wartburgkreis: {
    bewohnerparkausweis: 300,
    wohngeld: 460,
    'kfz-ausserbetriebsetzung': 480,
    'fuehrerschein-umtausch': 380,
    jagdschein: 90,
    waffenbesitzkarte: 0,
  },
};

/** Processing time Eingang → Bescheid in days: shortest and longest of the service (spread between). */
export const BEARBEITUNG_TAGE: Record<string, { min: number; max: number }> = {
  bewohnerparkausweis: { min: 0, max: 9 },
  wohngeld: { min: 12, max: 75 },
  'kfz-ausserbetriebsetzung': { min: 0, max: 4 },
  'fuehrerschein-umtausch': { min: 5, max: 35 },
  jagdschein: { min: 7, max: 30 },
  waffenbesitzkarte: { min: 14, max: 60 },
};

/**
 * Population per county. Not taken from an official table here (none was at hand when this was
 * written): rounded orders of magnitude, stored with `beispieldaten` = true. Enter the official
 * figures of the Thüringer Landesamt für Statistik with their date to replace them.
 */
export const DEMO_EINWOHNER = [
  { kreisschluessel: '16062', einwohner: 83_000 },
  { kreisschluessel: '16063', einwohner: 123_000 },
  { kreisschluessel: '16064', einwohner: 102_000 },
  { kreisschluessel: '16065', einwohner: 74_000 },
];
export const EINWOHNER_STICHTAG = '2019-12-31';
export const EINWOHNER_QUELLE =
  'Beispieldaten: gerundete Größenordnung, keine amtliche Zahl (amtliche Zahlen: Thüringer Landesamt für Statistik)';

/** The shared cost pool per year (invented): 240.000 € in 2020, 10.000 € more each year after. */
export const poolCent = (jahr: number) => BigInt(240_000 + (jahr - 2020) * 10_000) * 100n;

/** Key versions (invented): equal shares from the founding, a mix from 2021 (40 % equal, 40 % population, 20 % usage). */
export const DEMO_SCHLUESSEL = [
  { giltAb: '2019-11-27', gleich: 1, einwohner: 0, nutzung: 0, bemerkung: 'gleiche Anteile' },
  {
    giltAb: '2021-01-01',
    gleich: 2,
    einwohner: 2,
    nutzung: 1,
    bemerkung: '40 % gleich, 40 % Einwohner, 20 % Nutzung',
  },
];
