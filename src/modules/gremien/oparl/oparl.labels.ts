/** German labels of the council's codes, as OParl shows them (paperType, role, result, meetingState …). */
export const PAPER_TYPE: Record<string, string> = {
  beschlussvorlage: 'Beschlussvorlage',
  informationsvorlage: 'Informationsvorlage',
  antrag: 'Antrag',
  anfrage: 'Anfrage',
  mitteilung: 'Mitteilung',
};

export const CONSULTATION_ROLE: Record<string, string> = {
  vorberatung: 'Vorberatung',
  entscheidung: 'Entscheidung',
  kenntnisnahme: 'Kenntnisnahme',
};

export const RESULT: Record<string, string> = {
  beschlossen: 'beschlossen',
  abgelehnt: 'abgelehnt',
  vertagt: 'vertagt',
  zur_kenntnis: 'zur Kenntnis genommen',
  verwiesen: 'verwiesen',
};

export const MEETING_STATE: Record<string, string> = {
  geplant: 'geplant',
  eingeladen: 'eingeladen',
  durchgefuehrt: 'durchgeführt',
  abgesagt: 'abgesagt',
};

export const MEMBERSHIP_ROLE: Record<string, string> = {
  vorsitz: 'Vorsitz',
  stellvertretung: 'Stellvertretung',
  mitglied: 'Mitglied',
  beratend: 'beratendes Mitglied',
  verwaltung: 'Verwaltung',
};

export const ORGANIZATION_CLASSIFICATION: Record<string, string> = {
  kreistag: 'Kreistag',
  kreisausschuss: 'Kreisausschuss',
  ausschuss: 'Ausschuss',
  beirat: 'Beirat',
  sonstiges: 'Sonstiges',
};

export const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;
