import { badRequest } from './errors.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date from a form or query (YYYY-MM-DD); empty means none. */
export function checkDate(value: string | null | undefined, field: string) {
  if (value === null || value === undefined || value === '') return null;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw badRequest(
      'request.invalid_date',
      `${field} must be YYYY-MM-DD`,
      `${field}: Datum im Format JJJJ-MM-TT.`,
    );
  return value;
}
