import { badRequest, notFound, unprocessable } from '../../../shared/errors.ts';

/** Errors of the consume folders, stable codes with German texts. */
export const eingangsordnerErrors = {
  notFound: () => notFound('eingangsordner', 'Der Eingangsordner'),
  pathInvalid: () =>
    badRequest(
      'eingangsordner.path_invalid',
      'path must be relative, inside the county folder',
      'Der Pfad muss relativ sein und im Eingangsverzeichnis des Landkreises liegen (ohne „..“).',
    ),
  pathTaken: (pfad: string) =>
    unprocessable(
      'eingangsordner.path_taken',
      `folder ${pfad} exists`,
      `Für „${pfad}“ gibt es schon einen Eingangsordner.`,
    ),
  regelnInvalid: (errors: string[]) =>
    badRequest(
      'eingangsordner.rules_invalid',
      'invalid rules',
      `Regeln fehlerhaft: ${errors.join(' ')}`,
      errors,
    ),
};
