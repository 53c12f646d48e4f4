import { AppError } from '../../shared/errors.ts';

export const invalidHash = () =>
  new AppError({
    code: 'blob.invalid_hash',
    status: 400,
    message: 'invalid blob hash',
    messageDe: 'Ungültige Prüfsumme.',
  });

export const tooLarge = (maxBytes: number) =>
  new AppError({
    code: 'upload.too_large',
    status: 413,
    message: `file larger than ${maxBytes} bytes`,
    messageDe: `Die Datei ist größer als erlaubt (höchstens ${Math.round((maxBytes / 1048576) * 10) / 10} MiB).`,
  });

export const corrupt = (sha256: string) =>
  new AppError({
    code: 'blob.corrupt',
    status: 500,
    message: `stored blob ${sha256} is corrupt (hash mismatch)`,
    messageDe: 'Die gespeicherte Datei ist beschädigt (Prüfsumme stimmt nicht).',
  });

export const missing = (sha256: string) =>
  new AppError({
    code: 'blob.not_found',
    status: 404,
    message: `blob ${sha256} not found`,
    messageDe: 'Die gespeicherte Datei wurde nicht gefunden.',
  });
