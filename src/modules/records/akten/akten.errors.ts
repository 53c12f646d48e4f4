import { AppError, badRequest, forbidden, notFound } from '../../../shared/errors.ts';

export const akteNotFound = () => notFound('akte', 'Die Akte');

export const akteNoUnit = () =>
  badRequest('akte.no_unit', 'no Aktenplan unit given', 'Bitte eine Aktenplaneinheit angeben.');

export const reopenNeedsLeitung = () =>
  forbidden('reopening requires leitung', 'Eine z.d.A. verfügte Akte kann nur die Leitung wieder öffnen.');

export const akteStatusUnchanged = (status: 'offen' | 'zda') =>
  new AppError({
    code: 'akte.status_unchanged',
    status: 409,
    message: `Akte already ${status}`,
    messageDe: status === 'zda' ? 'Die Akte ist bereits z.d.A. verfügt.' : 'Die Akte ist bereits offen.',
  });

export const invalidAktenzeichenMuster = () =>
  badRequest(
    'aktenzeichen.invalid_pattern',
    'the pattern needs {nr} and may use {kennzeichen}, {nr:N}, {jahr}, {jahr2}, {kreis}',
    'Das Muster braucht {nr} und darf {kennzeichen}, {nr:N}, {jahr}, {jahr2} und {kreis} enthalten.',
  );
