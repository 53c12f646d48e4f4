import { AppError, forbidden, notFound } from '../../../shared/errors.ts';

/** Error factories of the deliveries (Zustellungen): stable codes, German texts. */
export const zustellungErrors = {
  redeliverForbidden: () => forbidden('role required', 'Dazu fehlt Ihnen die Berechtigung.'),
  verbundForbidden: () =>
    forbidden('verbund-admin required', 'Die Übersicht aller Landkreise sieht nur das Serviceteam.'),
  notFound: () => notFound('zustellung', 'Die Zustellung'),
  notRedeliverable: () =>
    new AppError({
      code: 'zustellung.state',
      status: 409,
      message: 'delivery is delivered or in flight',
      messageDe: 'Die Zustellung ist bereits erfolgt oder läuft gerade.',
    }),
};
