import type { TenantTrx } from '../../../platform/database/database.ts';

/** Pure rules of the public council pages (Ratsinfo). */

/** Sessions whose agenda the public sees: from the invitation on (not planned, not cancelled). */
export const AGENDA_PUBLIC = ['eingeladen', 'durchgefuehrt'] as const;

/** Search: up to this many matches are ranked; beyond, ranking means little and reads every vector. */
export const RANK_LIMIT = 1000;

export const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A month `YYYY-MM` (1990–2200), or null. */
export function parseMonat(value: string): { jahr: number; monat: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return null;
  const jahr = Number(match[1]);
  const monat = Number(match[2]);
  if (jahr < 1990 || jahr > 2200 || monat < 1 || monat > 12) return null;
  return { jahr, monat };
}

/** The month of a point in time in Berlin (`YYYY-MM`). */
export function monatOf(date: Date) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}`;
}

const MONATE = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];

/** "Juni 2020" for "2020-06". */
export function monatDe(monat: string) {
  const parsed = parseMonat(monat);
  return parsed ? `${MONATE[parsed.monat - 1]} ${parsed.jahr}` : monat;
}

export const SITZUNG_STATUS_DE: Record<string, string> = {
  geplant: 'geplant',
  eingeladen: 'eingeladen',
  durchgefuehrt: 'durchgeführt',
  abgesagt: 'abgesagt',
};

export const ERGEBNIS_DE: Record<string, string> = {
  beschlossen: 'beschlossen',
  abgelehnt: 'abgelehnt',
  vertagt: 'vertagt',
  zur_kenntnis: 'zur Kenntnis genommen',
  verwiesen: 'verwiesen',
};

export const ZUSTAENDIGKEIT_DE: Record<string, string> = {
  vorberatung: 'Vorberatung',
  entscheidung: 'Entscheidung',
  kenntnisnahme: 'Kenntnisnahme',
};

export const VORLAGE_ART_DE: Record<string, string> = {
  beschlussvorlage: 'Beschlussvorlage',
  informationsvorlage: 'Informationsvorlage',
  antrag: 'Antrag',
  anfrage: 'Anfrage',
  mitteilung: 'Mitteilung',
};

export const ROLLE_DE: Record<string, string> = {
  vorsitz: 'Vorsitz',
  stellvertretung: 'Stellvertretung',
  mitglied: 'Mitglied',
  beratend: 'beratendes Mitglied',
  verwaltung: 'Verwaltung',
};

/**
 * Agenda numbers as the staff API gives them (Ö 1, Ö 2 … and N 1, N 2 … in agenda order), for a
 * list of items that says only whether each is public.
 */
export function agendaNumbers(items: Array<{ oeffentlich: boolean }>) {
  let oe = 0;
  let ne = 0;
  return items.map((t) => (t.oeffentlich ? `Ö ${++oe}` : `N ${++ne}`));
}

/** Time of day in Berlin ("17:00"). */
export const uhrzeitDe = (date: Date) =>
  date.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });

/** Weekday and date in Berlin ("Mittwoch, 24.06.2020"). */
export const tagDe = (date: Date) =>
  date.toLocaleDateString('de-DE', {
    timeZone: 'Europe/Berlin',
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });

/** The latest of some points in time (Last-Modified of a page), whole seconds. */
export function latest(dates: Array<Date | null | undefined>): Date | null {
  let max = 0;
  for (const d of dates) if (d && d.getTime() > max) max = d.getTime();
  return max === 0 ? null : new Date(Math.floor(max / 1000) * 1000);
}

/** A member county as the public pages name it; its id is the URL slug (`unstrut-hainich-kreis`). */
export type Kreis = { id: string; name: string; kreisschluessel: string };

/** Where the list of member counties comes from (the Verbund module, passed in by main/). */
export type KreisDirectory = {
  listMembers: () => Promise<Kreis[]>;
  getMember: (id: string) => Promise<Kreis | null | undefined>;
};

/** Runs a read in the transaction of the county named by a URL slug (404 for an unknown one). */
export type InKreis = <T>(slug: string, work: (trx: TenantTrx, kreis: Kreis) => Promise<T>) => Promise<T>;
