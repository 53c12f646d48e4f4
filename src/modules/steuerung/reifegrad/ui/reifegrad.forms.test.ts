import { describe, expect, it } from 'vitest';
import { pruefeReifegradFormular } from './reifegrad.forms.ts';

describe('the Reifegrad form', () => {
  it('turns the ten posted criteria into the API input: empty removes the recording, „entfällt“ and levels stay', () => {
    const ergebnis = pruefeReifegradFormular({ k_bezahlung: 'entfaellt', k_nutzerkonto: '3', stufe20: '5' });
    expect(ergebnis).toEqual({
      ok: true,
      input: {
        kriterien: {
          leistungsbeschreibung: null,
          antragsprozess: null,
          nutzerkonto: 3,
          authentifizierung: null,
          bezahlung: 'entfaellt',
          nachweise: null,
          schriftform: null,
          bescheid: null,
          statusinformation: null,
          once_only: null,
        },
        stufe20: 5,
      },
    });
  });

  it('refuses a level above 4, a word and a model-2.0 level above 7 with German texts at the fields', () => {
    const ergebnis = pruefeReifegradFormular({ k_bezahlung: '5', k_nachweise: 'hoch', stufe20: '8' });
    expect(ergebnis.ok).toBe(false);
    if (ergebnis.ok) return;
    expect(ergebnis.fehler).toEqual({
      k_bezahlung: 'Bitte eine Stufe von 0 bis 4, „entfällt“ oder „nicht erfasst“ wählen.',
      k_nachweise: 'Bitte eine Stufe von 0 bis 4, „entfällt“ oder „nicht erfasst“ wählen.',
      stufe20: 'Reifegrad 2.0: bitte eine Stufe von 0 bis 7 oder „nicht erfasst“ wählen.',
    });
  });

  it('refuses a Bemerkung over 1.000 characters', () => {
    const ergebnis = pruefeReifegradFormular({ bemerkung: 'x'.repeat(1001) });
    expect(ergebnis.ok ? {} : ergebnis.fehler).toEqual({
      bemerkung: 'Die Bemerkung darf höchstens 1.000 Zeichen lang sein.',
    });
  });
});
