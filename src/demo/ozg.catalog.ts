import type {
  FieldType,
  FormDefinition,
  FormField,
  FormGroup,
  FormNode,
  Option,
} from '../modules/ozg/formulare/form.models.ts';

/**
 * The Verbund's standard service catalogue (demo data and the set activated for every member).
 * LeiKa keys: only the Bewohnerparkausweis key is verified (it is named in the real FIM schema
 * S05000058); the others are marked as placeholders (`leikaPlatzhalter`) until checked against
 * the LeiKa portal.
 */
export type CatalogEntry = {
  id: string;
  leika: string;
  leikaPlatzhalter: boolean;
  name: string;
  owner: string;
  reifegrad: number;
  kennzeichen: string;
  oe: string;
  suchbegriffe: string;
  texte: Record<string, string>;
  /** FIM schema id imported from the standards (Bewohnerparken) or a form authored here. */
  form: { fim: string } | { definition: FormDefinition };
};

const field = (id: string, label: string, type: FieldType, extra: Partial<FormField> = {}): FormField => ({
  kind: 'field',
  id,
  version: '1.0',
  name: label,
  label,
  type,
  min: 1,
  max: 1,
  constraints: {},
  ...extra,
});
const optional = (f: FormField): FormField => ({ ...f, min: 0 });
const group = (
  id: string,
  label: string,
  children: FormNode[],
  extra: Partial<FormGroup> = {},
): FormGroup => ({
  kind: 'group',
  id,
  version: '1.0',
  name: label,
  label,
  min: 1,
  max: 1,
  children,
  ...extra,
});
const options = (...labels: string[]): Option[] =>
  labels.map((label, i) => ({ code: String(i + 1).padStart(2, '0'), label }));

const person = () =>
  group('V-G-PERSON', 'Angaben zur antragstellenden Person', [
    field('V-F-FAMILIENNAME', 'Familienname', 'text', { constraints: { minLength: 1, maxLength: 120 } }),
    field('V-F-VORNAME', 'Vorname', 'text', { constraints: { minLength: 1, maxLength: 80 } }),
    field('V-F-GEBURTSDATUM', 'Geburtsdatum', 'date'),
    field('V-F-STRASSE', 'Straße und Hausnummer', 'text', { constraints: { minLength: 1, maxLength: 80 } }),
    field('V-F-PLZ', 'Postleitzahl', 'text', {
      constraints: { minLength: 5, maxLength: 5, pattern: '[0-9]{5}' },
      help: 'Fünfstellige Postleitzahl, z. B. 99734.',
    }),
    field('V-F-ORT', 'Ort', 'text', { constraints: { minLength: 1, maxLength: 50 } }),
    field('V-F-EMAIL', 'E-Mail', 'text', {
      name: 'E-Mail',
      constraints: { maxLength: 254 },
      help: 'An diese Adresse senden wir Nachrichten zu Ihrem Antrag.',
    }),
    optional(field('V-F-TELEFON', 'Telefonnummer', 'text', { constraints: { maxLength: 23 } })),
  ]);

const definition = (
  id: string,
  title: string,
  description: string,
  children: FormNode[],
): FormDefinition => ({
  xdfVersion: 'verbund',
  id,
  version: '1.0',
  name: title,
  title,
  description,
  leika: [],
  children,
  rules: [],
});

export const STANDARD_CATALOG: CatalogEntry[] = [
  {
    id: 'bewohnerparkausweis',
    leika: '99108001001000',
    leikaPlatzhalter: false,
    name: 'Bewohnerparkausweis beantragen',
    owner: 'nordhausen',
    reifegrad: 3,
    kennzeichen: '03.10.03',
    oe: 'SVA',
    suchbegriffe: 'Parken Parkausweis Anwohnerparken Bewohnerparken Auto Kfz',
    texte: {
      kurztext:
        'Wer in einem Gebiet mit Bewohnerparken wohnt, kann für ein Kraftfahrzeug einen Bewohnerparkausweis erhalten oder verlängern.',
      volltext:
        'Der Bewohnerparkausweis erlaubt das Parken in den ausgewiesenen Bewohnerparkzonen. Je Bewohnerin oder Bewohner wird ein Ausweis für ein auf sie zugelassenes oder dauerhaft genutztes Fahrzeug erteilt.',
      unterlagen:
        'Zulassungsbescheinigung Teil I (Fahrzeugschein); bei fremdem Halter eine Nutzungsüberlassungserklärung.',
      voraussetzungen:
        'Hauptwohnsitz in der Bewohnerparkzone; das Fahrzeug ist auf Sie zugelassen oder wird dauerhaft von Ihnen genutzt.',
      fristen: 'Der Ausweis gilt höchstens zwei Jahre und kann verlängert werden.',
      kosten: 'Gebühr nach der Gebührenordnung für Maßnahmen im Straßenverkehr.',
      rechtsgrundlagen: '§ 45 Abs. 1b Nr. 2 und § 46 Abs. 1 Nr. 11 StVO; VwV-StVO zu § 45.',
    },
    form: { fim: 'S05000058' },
  },
  {
    id: 'wohngeld',
    leika: '99000000000001',
    leikaPlatzhalter: true,
    name: 'Wohngeld (Mietzuschuss) beantragen',
    owner: 'kyffhaeuserkreis',
    reifegrad: 2,
    kennzeichen: '04.10',
    oe: 'SOZ',
    suchbegriffe: 'Miete Mietzuschuss Zuschuss Wohnung Wohngeld',
    texte: {
      kurztext: 'Wohngeld ist ein Zuschuss zur Miete für Haushalte mit geringem Einkommen.',
      volltext:
        'Ob und in welcher Höhe Wohngeld gezahlt wird, hängt von der Zahl der Haushaltsmitglieder, dem Einkommen und der Miete ab.',
      unterlagen: 'Mietvertrag oder Mietbescheinigung; Einkommensnachweise aller Haushaltsmitglieder.',
      voraussetzungen:
        'Sie wohnen zur Miete und zahlen die Miete selbst; Ihr Einkommen liegt unter den Grenzen.',
      fristen: 'Wohngeld wird ab dem Monat des Antrags gezahlt, in der Regel für zwölf Monate.',
      kosten: 'Keine.',
      rechtsgrundlagen: 'Wohngeldgesetz (WoGG).',
    },
    form: {
      definition: definition('V-WOHNGELD', 'Antrag auf Mietzuschuss', 'Erstantrag auf Wohngeld', [
        person(),
        group('V-G-WOHNUNG', 'Angaben zur Wohnung', [
          field('V-F-MIETE', 'Monatliche Bruttokaltmiete in Euro', 'currency', {
            constraints: { minValue: 0, maxValue: 10000 },
          }),
          field('V-F-WOHNFLAECHE', 'Wohnfläche in m²', 'integer', {
            constraints: { minValue: 1, maxValue: 1000 },
          }),
        ]),
        group(
          'V-G-HAUSHALT',
          'Weitere Haushaltsmitglieder',
          [
            field('V-F-HM-NAME', 'Name', 'text', { constraints: { minLength: 1, maxLength: 120 } }),
            field('V-F-HM-GEBURTSDATUM', 'Geburtsdatum', 'date'),
          ],
          { min: 0, max: 10 },
        ),
        field('V-F-MIETNACHWEIS', 'Mietvertrag oder Mietbescheinigung', 'file'),
      ]),
    },
  },
  {
    id: 'kfz-ausserbetriebsetzung',
    leika: '99000000000002',
    leikaPlatzhalter: true,
    name: 'Fahrzeug außer Betrieb setzen (Kfz-Zulassung)',
    owner: 'wartburgkreis',
    reifegrad: 3,
    kennzeichen: '03.10.01',
    oe: 'SVA',
    suchbegriffe: 'Auto abmelden Abmeldung Kfz Zulassung Stilllegung Kennzeichen',
    texte: {
      kurztext:
        'Ein Fahrzeug, das nicht mehr im Straßenverkehr genutzt wird, wird außer Betrieb gesetzt (abgemeldet).',
      volltext: 'Mit der Außerbetriebsetzung enden Kfz-Steuer und Versicherungspflicht.',
      unterlagen: 'Zulassungsbescheinigung Teil I; Kennzeichenschilder.',
      voraussetzungen: 'Sie sind Halterin oder Halter des Fahrzeugs oder von ihr oder ihm bevollmächtigt.',
      fristen: 'Keine.',
      kosten: 'Gebühr nach der Gebührenordnung für Maßnahmen im Straßenverkehr.',
      rechtsgrundlagen: '§ 14 Fahrzeug-Zulassungsverordnung (FZV).',
    },
    form: {
      definition: definition('V-KFZ-AB', 'Außerbetriebsetzung eines Fahrzeugs', 'Abmeldung eines Fahrzeugs', [
        person(),
        group('V-G-FAHRZEUG', 'Angaben zum Fahrzeug', [
          field('V-F-KENNZEICHEN', 'Amtliches Kennzeichen', 'text', {
            constraints: {
              minLength: 3,
              maxLength: 12,
              pattern: '[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2} ?[0-9]{1,4}[EH]?',
            },
            help: 'Zum Beispiel NDH-AB 123.',
          }),
          field('V-F-FIN', 'Fahrzeug-Identifizierungsnummer (letzte 6 Stellen)', 'text', {
            constraints: { minLength: 6, maxLength: 6 },
          }),
        ]),
        field('V-F-ZB1', 'Zulassungsbescheinigung Teil I', 'file'),
      ]),
    },
  },
  {
    id: 'fuehrerschein-umtausch',
    leika: '99000000000003',
    leikaPlatzhalter: true,
    name: 'Führerschein umtauschen (Pflichtumtausch)',
    owner: 'unstrut-hainich-kreis',
    reifegrad: 2,
    kennzeichen: '03.10.02',
    oe: 'SVA',
    suchbegriffe: 'Führerschein Fahrerlaubnis Umtausch Kartenführerschein',
    texte: {
      kurztext:
        'Alte Papier- und Kartenführerscheine müssen fristgerecht in den EU-Kartenführerschein umgetauscht werden.',
      volltext: 'Die Frist richtet sich nach Geburtsjahr bzw. Ausstellungsjahr des Führerscheins.',
      unterlagen:
        'Biometrisches Passfoto; bisheriger Führerschein; Karteikartenabschrift, falls anderswo ausgestellt.',
      voraussetzungen: 'Wohnsitz im Landkreis.',
      fristen: 'Stufenweise bis 19.01.2033.',
      kosten: 'Gebühr nach der Gebührenordnung für Maßnahmen im Straßenverkehr.',
      rechtsgrundlagen: '§ 24a und Anlage 8e Fahrerlaubnis-Verordnung (FeV).',
    },
    form: {
      definition: definition('V-FS-UMTAUSCH', 'Antrag auf Umtausch des Führerscheins', 'Pflichtumtausch', [
        person(),
        group('V-G-FUEHRERSCHEIN', 'Bisheriger Führerschein', [
          field('V-F-FS-ART', 'Art des Führerscheins', 'select', {
            options: options(
              'Papierführerschein (grau oder rosa)',
              'Kartenführerschein (ausgestellt bis 18.01.2013)',
            ),
          }),
          field('V-F-FS-DATUM', 'Ausstellungsdatum', 'date'),
          optional(
            field('V-F-FS-BEHOERDE', 'Ausstellende Behörde', 'text', { constraints: { maxLength: 120 } }),
          ),
        ]),
        field('V-F-FOTO', 'Biometrisches Passfoto', 'file'),
      ]),
    },
  },
  {
    id: 'jagdschein',
    leika: '99000000000004',
    leikaPlatzhalter: true,
    name: 'Jagdschein erteilen oder verlängern',
    owner: 'wartburgkreis',
    reifegrad: 2,
    kennzeichen: '03.20',
    oe: 'OA',
    suchbegriffe: 'Jagd Jäger Jagdschein Jahresjagdschein',
    texte: {
      kurztext: 'Wer jagen will, braucht einen gültigen Jagdschein der unteren Jagdbehörde.',
      volltext: 'Der Jagdschein wird für ein bis drei Jagdjahre erteilt und kann verlängert werden.',
      unterlagen: 'Nachweis der Jägerprüfung; Nachweis der Jagdhaftpflichtversicherung.',
      voraussetzungen: 'Bestandene Jägerprüfung, Zuverlässigkeit und persönliche Eignung.',
      fristen: 'Das Jagdjahr beginnt am 1. April.',
      kosten: 'Gebühr nach der Thüringer Verwaltungskostenordnung.',
      rechtsgrundlagen: '§§ 15–18 Bundesjagdgesetz (BJagdG); Thüringer Jagdgesetz.',
    },
    form: {
      definition: definition('V-JAGDSCHEIN', 'Antrag auf Erteilung eines Jagdscheins', 'Jagdschein', [
        person(),
        group('V-G-JAGD', 'Angaben zum Jagdschein', [
          field('V-F-JS-DAUER', 'Geltungsdauer', 'select', {
            options: options('ein Jagdjahr', 'zwei Jagdjahre', 'drei Jagdjahre'),
          }),
          field('V-F-JS-PRUEFUNG', 'Datum der Jägerprüfung', 'date'),
          field('V-F-JS-VERSICHERUNG', 'Jagdhaftpflichtversicherung vorhanden', 'bool'),
        ]),
        field('V-F-JS-NACHWEIS', 'Nachweis der Jagdhaftpflichtversicherung', 'file'),
      ]),
    },
  },
  {
    id: 'waffenbesitzkarte',
    leika: '99000000000005',
    leikaPlatzhalter: true,
    name: 'Waffenbesitzkarte beantragen',
    owner: 'kyffhaeuserkreis',
    reifegrad: 1,
    kennzeichen: '03.20',
    oe: 'OA',
    suchbegriffe: 'Waffe Waffenbesitzkarte Sportschütze Waffenrecht',
    texte: {
      kurztext:
        'Wer eine erlaubnispflichtige Schusswaffe erwerben und besitzen will, braucht eine Waffenbesitzkarte.',
      volltext: 'Voraussetzung ist ein Bedürfnis, etwa als Jägerin, Jäger oder Sportschütze.',
      unterlagen: 'Bedürfnisnachweis; Sachkundenachweis.',
      voraussetzungen:
        'Vollendetes 18. Lebensjahr, Zuverlässigkeit, persönliche Eignung, Sachkunde, Bedürfnis.',
      fristen: 'Keine.',
      kosten: 'Gebühr nach der Waffenkostenverordnung.',
      rechtsgrundlagen: '§§ 4, 10 Waffengesetz (WaffG).',
    },
    form: {
      definition: definition('V-WBK', 'Antrag auf Waffenbesitzkarte', 'Waffenbesitzkarte', [
        person(),
        field('V-F-BEDUERFNIS', 'Bedürfnis', 'select', {
          options: options('Jagd', 'Sportschießen', 'Sammeln'),
        }),
        field('V-F-SACHKUNDE', 'Sachkundenachweis', 'file'),
      ]),
    },
  },
];

/**
 * Municipalities of the four member counties. `verifiziert` marks keys checked against a public
 * source (README of ../shared/standards); the others are the shipped defaults to be replaced by
 * the official Destatis GV100AD import (`verbund gemeinden import`).
 */
export const MEMBER_MUNICIPALITIES: Array<{
  ags: string;
  name: string;
  plz: string[];
  verifiziert: boolean;
}> = [
  { ags: '16062041', name: 'Nordhausen, Stadt', plz: ['99734'], verifiziert: true },
  { ags: '16064046', name: 'Mühlhausen/Thüringen, Stadt', plz: ['99974'], verifiziert: true },
  { ags: '16063105', name: 'Eisenach, Stadt', plz: ['99817', '99819'], verifiziert: true },
  { ags: '16065067', name: 'Sondershausen, Stadt', plz: ['99706'], verifiziert: false },
  { ags: '16065003', name: 'Bad Frankenhausen/Kyffhäuser, Stadt', plz: ['06567'], verifiziert: false },
  { ags: '16064003', name: 'Bad Langensalza, Stadt', plz: ['99947'], verifiziert: false },
  { ags: '16063003', name: 'Bad Salzungen, Stadt', plz: ['36433'], verifiziert: false },
  { ags: '16062004', name: 'Bleicherode, Stadt', plz: ['99752'], verifiziert: false },
];
