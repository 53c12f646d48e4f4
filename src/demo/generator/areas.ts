/** Subject areas of a county administration (with their Aktenplan Kennzeichen), for demo data and search benchmarks. */

export const AREA_SUBJECTS: Record<string, { kennzeichen: string; title: string; subjects: string[] }> = {
  kreistag: {
    kennzeichen: '00.10.01',
    title: 'Kreistag und Ausschüsse',
    subjects: [
      'Beschlussvorlage zur Änderung der Zweckvereinbarung',
      'Niederschrift der Sitzung des Kreisausschusses',
      'Anfrage der Fraktion zur Digitalisierung der Kreisverwaltung',
      'Beschlussvorlage Haushaltssatzung',
      'Tagesordnung der Sitzung des Kreistages',
    ],
  },
  egov: {
    kennzeichen: '00.30',
    title: 'E-Government, OZG-Umsetzung und Digitalisierung',
    subjects: [
      'Interkommunales Serviceteam E-Government',
      'Einführung des Dokumentenmanagementsystems',
      'Anbindung der Fachverfahren an die E-Akte',
      'OZG-Umsetzung Onlinedienste',
      'Zweckvereinbarung Serviceteam – Kostenverteilung',
    ],
  },
  personal: {
    kennzeichen: '01.10',
    title: 'Stellenbesetzung und Ausschreibungen',
    subjects: [
      'Stellenausschreibung Sachbearbeitung',
      'Auswahlverfahren Digitalisierungsbeauftragte',
      'Fortbildung E-Akte',
    ],
  },
  foerder: {
    kennzeichen: '02.20',
    title: 'Fördermittel und Zuwendungen',
    subjects: [
      'Fördermittelantrag nach der Thüringer Förderrichtlinie E-Government',
      'Verwendungsnachweis Fördermittel Serviceteam',
      'Zuwendungsbescheid Breitbandausbau',
    ],
  },
  gebuehren: {
    kennzeichen: '02.30',
    title: 'Gebühren, Kostenerstattung und Vollstreckung',
    subjects: [
      'Widerspruch gegen Gebührenbescheid',
      'Kostenerstattung Rettungsdienst',
      'Mahnung und Vollstreckungsankündigung',
    ],
  },
  kfz: {
    kennzeichen: '03.10.01',
    title: 'Kfz-Zulassung',
    subjects: [
      'Antrag auf Kfz-Zulassung',
      'Außerbetriebsetzung eines Fahrzeugs',
      'Halterwechsel und Umschreibung',
    ],
  },
  fuehrerschein: {
    kennzeichen: '03.10.02',
    title: 'Fahrerlaubnisse',
    subjects: [
      'Antrag auf Ersterteilung der Fahrerlaubnis',
      'Umtausch des Führerscheins',
      'Entziehung der Fahrerlaubnis',
    ],
  },
  parken: {
    kennzeichen: '03.10.03',
    title: 'Bewohnerparken und Parkerleichterungen',
    subjects: [
      'Antrag auf Bewohnerparkausweis',
      'Parkerleichterung für Schwerbehinderte',
      'Verlängerung Bewohnerparkausweis',
    ],
  },
  waffen: {
    kennzeichen: '03.20',
    title: 'Waffen- und Jagdrecht',
    subjects: [
      'Antrag auf Erteilung eines Jagdscheins',
      'Waffenbesitzkarte – Zuverlässigkeitsprüfung',
      'Verlängerung des Jagdscheins',
    ],
  },
  wohngeld: {
    kennzeichen: '04.10',
    title: 'Wohngeld',
    subjects: ['Antrag auf Wohngeld', 'Weiterleistungsantrag Wohngeld', 'Rückforderung von Wohngeld'],
  },
  grundsicherung: {
    kennzeichen: '04.20',
    title: 'Grundsicherung und Hilfe zum Lebensunterhalt',
    subjects: [
      'Antrag auf Grundsicherung im Alter',
      'Hilfe zum Lebensunterhalt – Bedarfsprüfung',
      'Kostenübernahme Heimunterbringung',
    ],
  },
  schule: {
    kennzeichen: '05.10',
    title: 'Schulverwaltung und Schülerbeförderung',
    subjects: ['Antrag auf Schülerbeförderung', 'Sanierung der Regelschule', 'Schulnetzplanung'],
  },
  bau: {
    kennzeichen: '07.10',
    title: 'Baugenehmigungen',
    subjects: [
      'Baugenehmigung für Einfamilienhaus',
      'Bauvoranfrage Gewerbehalle',
      'Nutzungsänderung einer Scheune',
      'Abrissgenehmigung',
    ],
  },
  umwelt: {
    kennzeichen: '08.10',
    title: 'Naturschutz und Landschaftspflege',
    subjects: [
      'Naturschutzrechtliche Genehmigung Baumfällung',
      'Ausgleichsmaßnahme Streuobstwiese',
      'Stellungnahme Windenergieanlage',
    ],
  },
};
