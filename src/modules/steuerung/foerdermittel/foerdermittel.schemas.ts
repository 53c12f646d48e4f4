import { z } from '@hono/zod-openapi';
import { KATEGORIEN } from './foerdermittel.models.ts';

/** A calendar day that exists (2020-02-30 does not: PostgreSQL would refuse it later). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'Dieses Datum gibt es nicht.')
  .openapi({ example: '2020-12-31' });

const betrag = z
  .number()
  .positive('Der Betrag muss größer als 0 sein.')
  .max(1_000_000_000, 'Höchstens 1 Mrd. €.')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'Höchstens zwei Nachkommastellen.')
  .openapi({ description: 'Euro, höchstens zwei Nachkommastellen', example: 143000 });

/** Text with German limits („mindestens 2, höchstens 300 Zeichen“). */
const text = (min: number, max: number) =>
  z.string().trim().min(min, `mindestens ${min} Zeichen`).max(max, `höchstens ${max} Zeichen`);

export const bewilligungInput = z
  .object({
    zuwendungsgeber: text(2, 300).openapi({ example: 'Freistaat Thüringen' }),
    programm: text(2, 300).openapi({ example: 'Thüringer Förderrichtlinie für E-Government und IT' }),
    aktenzeichen: text(1, 100),
    zweck: text(2, 2000),
    foerdersatz: z
      .number()
      .min(0.01, 'mindestens 0,01 %')
      .max(100, 'höchstens 100 %')
      .openapi({ description: 'Fördersatz in Prozent (z. B. 90)', example: 100 }),
    zuwendungsfaehig: betrag,
    von: isoDate,
    bis: isoDate,
    sachbericht: z.string().max(20000, 'höchstens 20.000 Zeichen').optional(),
  })
  .strict()
  .openapi('BewilligungEingabe');
export type BewilligungInput = z.infer<typeof bewilligungInput>;

export const sachberichtInput = z
  .object({ sachbericht: z.string().max(20000, 'höchstens 20.000 Zeichen') })
  .strict()
  .openapi('Sachbericht');

export const ausgabeInput = z
  .object({
    datum: isoDate,
    betrag,
    kategorie: z.enum(KATEGORIEN),
    text: text(1, 500),
    belegDokumentId: z.string().uuid('Dokument-ID (UUID) des Belegs in der E-Akte').nullable().optional(),
  })
  .strict()
  .openapi('AusgabeEingabe');
export type AusgabeInput = z.infer<typeof ausgabeInput>;

const ausgabeSchema = z.object({
  id: z.string(),
  datum: z.string(),
  betrag: z.number(),
  kategorie: z.enum(KATEGORIEN),
  text: z.string(),
  belegDokumentId: z.string().nullable(),
  belegTitel: z.string().nullable(),
  beispiel: z.boolean(),
  hinweise: z.array(z.enum(['ausserhalb_zeitraum', 'ueber_betrag', 'beleg_fehlt'])),
});

export const bewilligungSchema = z
  .object({
    id: z.string(),
    zuwendungsgeber: z.string(),
    programm: z.string(),
    aktenzeichen: z.string(),
    zweck: z.string(),
    foerdersatz: z.number(),
    zuwendungsfaehig: z.number(),
    zuwendung: z.number(),
    von: z.string(),
    bis: z.string(),
    sachbericht: z.string(),
    beispiel: z.boolean(),
    summe: z.object({
      ausgaben: z.number(),
      imZeitraum: z.number(),
      rest: z.number(),
      ueberschreitung: z.number(),
      gefoerdert: z.number(),
    }),
    hinweise: z.object({
      ausserhalbZeitraum: z.number().int(),
      ueberBetrag: z.number().int(),
      belegFehlt: z.number().int(),
    }),
    ausgaben: z.array(ausgabeSchema),
  })
  .openapi('Bewilligung');

export const bewilligungKurzSchema = bewilligungSchema.omit({ ausgaben: true }).openapi('BewilligungKurz');

export const ausgabeParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
  ausgabeId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'ausgabeId', in: 'path' } }),
});

export const exportQuery = z.object({
  format: z.enum(['pdf', 'csv', 'xlsx']).openapi({ description: 'pdf (PDF/A-2b), csv oder xlsx' }),
});
