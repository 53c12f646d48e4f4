import { AppError } from '../../shared/errors.ts';

// The refusals of the Idempotency-Key middleware (idempotency.ts).

export const invalidKey = () =>
  new AppError({
    code: 'idempotency.key_invalid',
    status: 400,
    message: 'Idempotency-Key must be 1–255 visible ASCII characters',
    messageDe: 'Der Idempotency-Key muss aus 1 bis 255 sichtbaren ASCII-Zeichen bestehen.',
  });

export const keyReused = () =>
  new AppError({
    code: 'idempotency.key_reused',
    status: 422,
    message: 'this Idempotency-Key was used for a different request',
    messageDe:
      'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet. Bitte einen neuen Schlüssel wählen.',
  });

export const inProgress = () =>
  new AppError({
    code: 'idempotency.in_progress',
    status: 409,
    message: 'a request with this Idempotency-Key is still being processed',
    messageDe: 'Eine Anfrage mit diesem Idempotency-Key wird noch bearbeitet. Bitte gleich erneut versuchen.',
  });

export const outcomeUnknown = () =>
  new AppError({
    code: 'idempotency.outcome_unknown',
    status: 409,
    message:
      'the first request with this Idempotency-Key was carried out but its answer was lost; check the result instead of sending again',
    messageDe:
      'Die erste Anfrage mit diesem Schlüssel wurde ausgeführt, ihre Antwort ging verloren. Bitte prüfen Sie das Ergebnis, statt erneut zu senden.',
  });
