import { badRequest, conflict } from '../../../shared/errors.ts';

/** Errors of the county's Beschluss numbers, stable codes with German texts. */
export const beschlussNummernErrors = {
  invalid: (messageDe: string) =>
    badRequest('beschluss.nummernvorlage_invalid', 'invalid template of Beschluss numbers', messageDe),
  taken: (nummer: string) =>
    conflict(
      'beschluss.nummer_taken',
      `Beschluss number ${nummer} is in use`,
      `Die Beschlussnummer „${nummer}“ trägt schon ein anderer Beschluss; bitte die Nummernvorlage prüfen.`,
    ),
};
