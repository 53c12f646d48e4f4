import { AppError, badRequest, forbidden, notFound } from '../../../shared/errors.ts';

/** Errors of the FIM form catalogue: stable codes, German texts for people. */
export const formularErrors = {
  notFound: () => notFound('formular', 'Das Formular'),
  /** The service has no online form (yet): the portal cannot start its Antrag. */
  missing: () =>
    new AppError({
      code: 'formular.missing',
      status: 404,
      message: 'no form',
      messageDe: 'Für diese Leistung gibt es noch kein Online-Formular.',
    }),
  importForbidden: () =>
    forbidden('verbund-admin or kreis-admin required', 'Formulare importieren darf nur die Administration.'),
  tooLarge: () =>
    badRequest(
      'fim.too_large',
      'import larger than 10 MiB',
      'Der Import ist größer als 10 MiB und wird abgelehnt.',
    ),
  xsdUnavailable: (reason: string) =>
    new AppError({
      code: 'fim.xsd_unavailable',
      status: 503,
      message: reason,
      messageDe: `Die XSD-Prüfung ist nicht verfügbar: ${reason} Mit force=true wird ungeprüft importiert.`,
    }),
  xsdInvalid: (xdfVersion: string, messages: unknown[]) =>
    new AppError({
      code: 'fim.xsd_invalid',
      status: 422,
      message: `the file deviates from the XDatenfelder ${xdfVersion} XSD`,
      messageDe: `Die Datei weicht vom XSD XDatenfelder ${xdfVersion} ab (${messages.length} Meldung${messages.length === 1 ? '' : 'en'}). Mit „trotzdem importieren“ (force=true) wird sie mit diesen Abweichungen als Warnungen übernommen.`,
      details: { validation: messages },
    }),
  codeListsMissing: (messageDe: string) =>
    new AppError({ code: 'fim.codelists_missing', status: 422, message: 'code lists missing', messageDe }),
  duplicateImport: (version: number) =>
    new AppError({
      code: 'fim.duplicate_import',
      status: 409,
      message: 'this exact file is already imported',
      messageDe: `Genau diese Datei ist bereits als Version ${version} importiert.`,
    }),
  /** A refusal of the parser process (structure, limits), passed on as it came. */
  refused: (outcome: { code: string; status: number; message: string; messageDe: string }) =>
    new AppError({
      code: outcome.code,
      status: outcome.status,
      message: outcome.message,
      messageDe: outcome.messageDe,
    }),
};
