import { AppError } from '../../../shared/errors.ts';

/** Errors of the virus scan: stable codes, the same German text in portal, API and forms. */
export const virenscanErrors = {
  infected: (signature: string) =>
    new AppError({
      code: 'virenscan.infected',
      status: 422,
      message: `file refused: malware found (${signature})`,
      messageDe: `Die Datei enthält Schadsoftware („${signature}“) und wurde nicht angenommen. Bitte prüfen Sie die Datei und senden Sie eine saubere Fassung.`,
    }),
  tooLarge: () =>
    new AppError({
      code: 'virenscan.too_large',
      status: 422,
      message: 'file refused: over the limits of the virus scanner',
      messageDe:
        'Die Datei ist zu groß oder zu tief verschachtelt, um sie auf Schadsoftware zu prüfen, und wurde deshalb nicht angenommen.',
    }),
  unavailable: () =>
    new AppError({
      code: 'virenscan.unavailable',
      status: 503,
      message: 'virus scanner unavailable and scanning is required',
      messageDe:
        'Die Virenprüfung ist gerade nicht erreichbar; dieser Landkreis nimmt Dateien nur geprüft an. Bitte versuchen Sie es in einigen Minuten erneut.',
    }),
};
