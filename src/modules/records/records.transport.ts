import { badRequest } from '../../shared/errors.ts';

export const noFile = () =>
  badRequest(
    'upload.no_file',
    'multipart field "datei" missing',
    'Es wurde keine Datei im Feld „datei“ übertragen.',
  );
