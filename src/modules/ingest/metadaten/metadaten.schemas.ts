import { z } from '@hono/zod-openapi';
import { isoDate } from '../../../platform/http/schemas.ts';

const position = { text: z.string(), von: z.number().int(), bis: z.number().int() };
const stringSuggestion = z.object({ wert: z.string(), ...position });

export const suggestionsSchema = z.object({
  dokumentId: z.string().uuid(),
  version: z.number().int(),
  briefdatum: stringSuggestion.nullable(),
  daten: z.array(stringSuggestion),
  absender: stringSuggestion.nullable(),
  aktenzeichen: z.array(stringSuggestion),
  drucksachen: z.array(stringSuggestion),
  beschluesse: z.array(stringSuggestion),
  ibans: z.array(stringSuggestion),
  betraege: z.array(z.object({ wert: z.number().int().openapi({ description: 'Cent' }), ...position })),
});

/** What the user confirms: the letter date and sender go to the document's fields, the rest to its metadata. */
export const confirmSchema = z
  .object({
    datum: isoDate.optional(),
    absender: z.string().trim().min(1).max(300).optional(),
    felder: z
      .array(
        z
          .object({
            name: z.enum(['Aktenzeichen (Bezug)', 'Drucksache', 'Beschluss', 'IBAN', 'Betrag', 'Datum']),
            wert: z.string().trim().min(1).max(200),
          })
          .strict(),
      )
      .max(20)
      .optional(),
  })
  .strict();

export type ConfirmInput = z.infer<typeof confirmSchema>;
