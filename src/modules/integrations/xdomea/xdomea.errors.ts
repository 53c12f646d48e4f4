import { AppError } from '../../../shared/errors.ts';

/** Error factories of the xdomea exchange: stable codes, German texts. */
export const xdomeaErrors = {
  tooLarge: () =>
    new AppError({
      code: 'xdomea.too_large',
      status: 413,
      message: 'Akte too large for one message',
      messageDe:
        'Die Akte ist für eine xdomea-Nachricht zu groß (über 512 MiB); bitte Vorgänge einzeln exportieren.',
    }),
  /** A message the parser refused (unsafe, incomplete, unsupported): 422 with the parser's reason. */
  refused: (refusal: { code: string; message: string; messageDe: string }) =>
    new AppError({ code: refusal.code, status: 422, message: refusal.message, messageDe: refusal.messageDe }),
};
