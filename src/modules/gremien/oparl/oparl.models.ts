/**
 * OParl 1.1 (https://schema.oparl.org/1.1/): the object types, the URLs of this server and the
 * parameters of an external object list. Pure functions, no I/O.
 */
export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
export const OPARL_PREFIX = '/oparl/v1.1';
/** Where the OParl app is mounted (its routes carry the version: /v1.1/…). */
export const OPARL_MOUNT = '/oparl';

/** The Body's external lists, by the path segment that names them (also the Body attribute). */
export const LIST_TYPES = [
  'organization',
  'person',
  'membership',
  'meeting',
  'agendaItem',
  'paper',
  'consultation',
  'file',
  'location',
  'legislativeTerm',
] as const;
export type ListType = (typeof LIST_TYPES)[number];

const TYPE_NAMES: Record<ListType, string> = {
  organization: 'Organization',
  person: 'Person',
  membership: 'Membership',
  meeting: 'Meeting',
  agendaItem: 'AgendaItem',
  paper: 'Paper',
  consultation: 'Consultation',
  file: 'File',
  location: 'Location',
  legislativeTerm: 'LegislativeTerm',
};

export const typeUrl = (name: string) => `${OPARL_VERSION}${name}`;
export const typeOf = (list: ListType) => typeUrl(TYPE_NAMES[list]);
export const isListType = (value: string): value is ListType =>
  (LIST_TYPES as readonly string[]).includes(value);

/** Every URL this server hands out, from its public base (scheme, host, port). */
export function oparlUrls(base: string) {
  const root = `${base}${OPARL_PREFIX}`;
  const body = (bodyId: string) => `${root}/body/${encodeURIComponent(bodyId)}`;
  return {
    system: `${root}/`,
    bodies: `${root}/body`,
    body,
    list: (bodyId: string, list: ListType) => `${body(bodyId)}/${list}`,
    object: (bodyId: string, list: ListType, id: string) => `${body(bodyId)}/${list}/${id}`,
    /** An Organization's own external lists (its meetings, its consultations). */
    ofOrganization: (bodyId: string, id: string, list: 'meeting' | 'consultation') =>
      `${body(bodyId)}/organization/${id}/${list}`,
    fileAccess: (bodyId: string, id: string) => `${body(bodyId)}/file/${id}/zugriff`,
    fileDownload: (bodyId: string, id: string) => `${body(bodyId)}/file/${id}/download`,
  };
}
export type OparlUrls = ReturnType<typeof oparlUrls>;

/** An object's life: every OParl object carries created and modified; main objects may be deleted. */
export type Stamped = { id: string; created: Date; modified: Date; deleted: boolean };

export const dateTime = (d: Date) => d.toISOString();

/** A deleted main object keeps only id, type, created, modified and `deleted: true` (spec 2.8). */
export const tombstone = (id: string, type: string, row: Stamped) => ({
  id,
  type,
  created: dateTime(row.created),
  modified: dateTime(row.modified),
  deleted: true as const,
});

/** Attributes without a value are left out rather than sent as null (spec: "null-Werte"). */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined)) as T;
}
