import { oparlErrors } from './oparl.errors.ts';

/** What a client may ask of an external object list (spec 2.5 Filter, Paginierung; 1.1 omit_internal). */
export type ListQuery = {
  createdSince?: string;
  createdUntil?: string;
  modifiedSince?: string;
  modifiedUntil?: string;
  omitInternal: boolean;
  /** Keyset cursor: the id of the last object of the previous page. */
  after?: string;
  limit: number;
};

export const DEFAULT_LIMIT = 100;
/** The spec asks for at most 100 per page; a larger wish is served with 100 (a client must not expect more). */
export const MAX_LIMIT = 100;

const FILTERS = {
  created_since: 'createdSince',
  created_until: 'createdUntil',
  modified_since: 'modifiedSince',
  modified_until: 'modifiedUntil',
} as const;
// A full date-time with a zone, as the spec demands (RFC 3339): 2014-01-01T00:00:00+01:00.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * Parses a list's URL parameters; a known one that is unusable is a 400 naming it, never a 5xx.
 * Unknown parameters are ignored (clients add cache busters and the like).
 */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const single = (name: string) => {
    const all = params.getAll(name);
    if (all.length > 1) throw oparlErrors.badParameter(name, 'genau einen Wert');
    return all[0];
  };
  const query: ListQuery = { omitInternal: false, limit: DEFAULT_LIMIT };
  for (const [name, key] of Object.entries(FILTERS)) {
    const raw = single(name);
    if (raw === undefined) continue;
    // An unencoded "+" of the zone arrives as a space (form encoding); the meaning is unambiguous.
    const value = raw.replace(/ (\d{2}:\d{2})$/, '+$1');
    const time = Date.parse(value);
    if (!DATE_TIME.test(value) || Number.isNaN(time) || !validCalendarDate(value))
      throw oparlErrors.badParameter(name, 'Datum mit Uhrzeit und Zeitzone, z. B. 2020-06-24T00:00:00+02:00');
    query[key] = new Date(time).toISOString();
  }
  const omit = single('omit_internal');
  if (omit !== undefined) {
    if (omit !== 'true' && omit !== 'false')
      throw oparlErrors.badParameter('omit_internal', 'true oder false');
    query.omitInternal = omit === 'true';
  }
  const after = single('after');
  if (after !== undefined) {
    if (!UUID.test(after)) throw oparlErrors.badParameter('after', 'die Kennung aus dem Link „next“');
    query.after = after;
  }
  for (const name of ['limit', 'elementsPerPage']) {
    const value = single(name);
    if (value === undefined) continue;
    if (!/^\d{1,6}$/.test(value) || Number(value) < 1)
      throw oparlErrors.badParameter(name, 'eine ganze Zahl ab 1');
    query.limit = Math.min(Number(value), MAX_LIMIT);
  }
  return query;
}

/** Date.parse accepts 2020-02-31 and the year 0; the calendar and PostgreSQL do not. */
function validCalendarDate(value: string) {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (y < 1000) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The list's URL for a page: the client's filters kept, the cursor and page size added (spec 2.5). */
export function pageUrl(listUrl: string, query: ListQuery, after?: string) {
  const params = new URLSearchParams();
  for (const [name, key] of Object.entries(FILTERS)) {
    const value = query[key];
    if (value) params.set(name, value);
  }
  if (query.omitInternal) params.set('omit_internal', 'true');
  if (query.limit !== DEFAULT_LIMIT) params.set('limit', String(query.limit));
  if (after) params.set('after', after);
  const text = params.toString();
  return text ? `${listUrl}?${text}` : listUrl;
}
