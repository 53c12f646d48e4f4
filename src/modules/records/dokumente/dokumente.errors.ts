import { AppError, badRequest, notFound } from '../../../shared/errors.ts';

export const dokumentNotFound = () => notFound('dokument', 'Das Dokument');

export const versionNotFound = () => notFound('dokument_version', 'Die Version');

export const akteClosed = () =>
  new AppError({
    code: 'akte.closed',
    status: 409,
    message: 'the Akte is closed (z.d.A.)',
    messageDe: 'Die Akte ist zu den Akten verfügt (z.d.A.); es können keine Dokumente hinzugefügt werden.',
  });

export const metadataNotAList = () =>
  badRequest(
    'dokument.metadata',
    'metadaten must be a list (max 50)',
    'Metadaten: höchstens 50 Felder als Liste.',
  );

export const metadataInvalid = (nr: number, name: string, de: string) =>
  badRequest('dokument.metadata', `invalid metadata field ${nr}`, `Metadatenfeld ${nr} („${name}“): ${de}`);

export const sourceAkteClosed = () =>
  new AppError({
    code: 'akte.closed',
    status: 409,
    message: 'the document lies in a closed Akte (z.d.A.)',
    messageDe:
      'Das Dokument liegt in einer Akte, die zu den Akten verfügt ist (z.d.A.); es kann nicht verschoben werden.',
  });
