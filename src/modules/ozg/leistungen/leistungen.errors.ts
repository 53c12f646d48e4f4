import { AppError, badRequest, forbidden, notFound, unprocessable } from '../../../shared/errors.ts';

/** Errors of the service catalogue, the municipalities and the activations. */
export const leistungErrors = {
  notFound: () => notFound('leistung', 'Die Leistung'),
  /** The county does not offer the service online (same text for the API and the portal). */
  inactive: (input: { leistungId: string; leistungName: string; tenantId: string; tenantName: string }) =>
    unprocessable(
      'leistung.inactive',
      `service ${input.leistungId} not active in ${input.tenantId}`,
      `${input.tenantName} bietet „${input.leistungName}“ derzeit nicht online an.`,
    ),
  akteClosed: (county: string, service: string) =>
    new AppError({
      code: 'leistung.akte_closed',
      status: 409,
      message: 'the Akte of this service is closed (z.d.A.)',
      messageDe: `${county} nimmt Anträge für „${service}“ derzeit nicht an: die Akte der Leistung ist zu den Akten verfügt (z.d.A.).`,
    }),
  activationForbidden: () =>
    forbidden('kreis-admin required', 'Leistungen aktivieren darf nur die Kreis-Administration.'),
  unknownOe: (ref: string) =>
    badRequest('oe.unknown', `no OE ${ref}`, `Die Organisationseinheit „${ref}“ gibt es nicht.`),
};

export const gemeindeErrors = {
  agsInvalid: () =>
    badRequest('gemeinde.ags', 'AGS must have 8 digits', 'Der Gemeindeschlüssel (AGS) hat 8 Ziffern.'),
  unknown: (ags: string) =>
    unprocessable(
      'gemeinde.unknown',
      `unknown AGS ${ags}`,
      `Die Gemeinde mit dem Schlüssel ${ags} ist nicht bekannt.`,
    ),
  notMember: (ags: string, name: string) =>
    unprocessable(
      'gemeinde.not_member',
      `no member county for ${ags}`,
      `Für ${name} ist kein Landkreis des Verbunds zuständig.`,
    ),
  /** A GV100AD file that cannot be read (the message names the line). */
  format: (messageDe: string) => unprocessable('gemeinden.format', messageDe, messageDe),
};
