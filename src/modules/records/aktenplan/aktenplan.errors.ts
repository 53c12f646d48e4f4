import { AppError, badRequest, forbidden, notFound } from '../../../shared/errors.ts';

export const aktenplanUnitNotFound = () => notFound('aktenplan_unit', 'Die Aktenplaneinheit');

export const unknownAktenplanUnit = (kennzeichen: string) =>
  badRequest(
    'aktenplan.unknown_unit',
    `no Aktenplan unit ${kennzeichen}`,
    `Die Aktenplaneinheit „${kennzeichen}“ gibt es nicht.`,
  );

export const aktenplanAdminOnly = () =>
  forbidden('requires kreis-admin', 'Den Aktenplan pflegt die Kreis-Administration.');

export const parentMissing = (kennzeichen: string, parent: string) =>
  badRequest(
    'aktenplan.parent_missing',
    `unit ${kennzeichen} has no parent ${parent}`,
    `Zur Einheit ${kennzeichen} fehlt die übergeordnete Einheit ${parent}.`,
  );

export const unitExists = (kennzeichen: string) =>
  new AppError({
    code: 'aktenplan.exists',
    status: 409,
    message: `unit ${kennzeichen} exists`,
    messageDe: `Die Einheit ${kennzeichen} gibt es schon.`,
  });

/** A field of a unit is invalid; `line` is the CSV line it came from. */
export const invalidUnit = (field: string, de: string, line?: number) =>
  badRequest(
    'aktenplan.invalid_unit',
    `invalid ${field}${line ? ` in line ${line}` : ''}`,
    `${de}${line ? ` (Zeile ${line})` : ''}.`,
  );

export const csvEmpty = () =>
  badRequest('aktenplan.csv_empty', 'empty CSV', 'Die CSV-Datei enthält keine Zeilen.');

export const csvHeaderMissing = (missing: string[], expected: string[]) =>
  badRequest(
    'aktenplan.csv_header',
    `missing columns: ${missing.join(', ')}`,
    `Es fehlen Spalten: ${missing.join(', ')}. Erwartet: ${expected.join(';')}`,
  );

export const csvInvalid = (errors: Array<{ zeile: number; fehler: string }>) =>
  badRequest(
    'aktenplan.csv_invalid',
    `${errors.length} invalid rows`,
    `Die CSV-Datei hat ${errors.length} fehlerhafte Zeile(n); nichts wurde übernommen.`,
    errors,
  );
