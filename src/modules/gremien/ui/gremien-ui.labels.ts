/** German labels of the council's codes, for the staff pages. */

export const gremiumArtLabels: Record<string, string> = {
  kreistag: 'Kreistag',
  kreisausschuss: 'Kreisausschuss',
  ausschuss: 'Ausschuss',
  beirat: 'Beirat',
  sonstiges: 'sonstiges Gremium',
};

export const vorlageArtLabels: Record<string, string> = {
  beschlussvorlage: 'Beschlussvorlage',
  informationsvorlage: 'Informationsvorlage',
  antrag: 'Antrag',
  anfrage: 'Anfrage',
  mitteilung: 'Mitteilung',
};

export const vorlageStatusLabels: Record<string, string> = {
  entwurf: 'Entwurf',
  freigegeben: 'freigegeben',
  veroeffentlicht: 'veröffentlicht',
  zurueckgezogen: 'zurückgezogen',
};

export const zustaendigkeitLabels: Record<string, string> = {
  vorberatung: 'Vorberatung',
  entscheidung: 'Entscheidung',
  kenntnisnahme: 'Kenntnisnahme',
};

export const sitzungStatusLabels: Record<string, string> = {
  geplant: 'geplant',
  eingeladen: 'eingeladen',
  durchgefuehrt: 'durchgeführt',
  abgesagt: 'abgesagt',
};

/** The button that moves a session into a state. */
export const sitzungActionLabels: Record<string, string> = {
  eingeladen: 'Einladen',
  abgesagt: 'Absagen',
  durchgefuehrt: 'Als durchgeführt festhalten',
  geplant: 'Wieder auf „geplant“ setzen',
};

export const ergebnisLabels: Record<string, string> = {
  beschlossen: 'beschlossen',
  abgelehnt: 'abgelehnt',
  vertagt: 'vertagt',
  zur_kenntnis: 'zur Kenntnis genommen',
  verwiesen: 'verwiesen',
};

export const umsetzungLabels: Record<string, string> = {
  offen: 'offen',
  in_umsetzung: 'in Umsetzung',
  erledigt: 'erledigt',
};

export const rolleLabels: Record<string, string> = {
  vorsitz: 'Vorsitz',
  stellvertretung: 'Stellvertretung',
  mitglied: 'Mitglied',
  beratend: 'beratendes Mitglied',
  verwaltung: 'Verwaltung',
};

/** Options of a select from a label map. */
export const optionsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** "Dr. Erika Muster" from a person's parts. */
export const personName = (p: { titel: string | null; vorname: string | null; familienname: string }) =>
  [p.titel, p.vorname, p.familienname].filter(Boolean).join(' ');
