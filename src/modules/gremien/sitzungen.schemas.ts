import { z } from '@hono/zod-openapi';
import { isoDate, pageQuery } from '../../platform/http/schemas.ts';
import { optionalText, text } from './gremien.schemas.ts';

// Sessions, agenda, attendance, votes and resolutions.

const isoDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    'Zeitpunkt im Format JJJJ-MM-TTThh:mm+01:00',
  )
  .refine((v) => !Number.isNaN(Date.parse(v)), 'Kein gültiger Zeitpunkt');

export const sitzungInput = z
  .object({
    beginn: isoDateTime.openapi({ example: '2020-06-24T17:00:00+02:00' }),
    ende: isoDateTime.nullable().optional(),
    ort: optionalText(300).openapi({ example: 'Kreistagssaal, Lindenbühl 28/29, Mühlhausen' }),
  })
  .openapi('SitzungNeu');

export const sitzungUpdate = z
  .object({
    beginn: isoDateTime.optional(),
    ende: isoDateTime.nullable().optional(),
    ort: optionalText(300),
    status: z.enum(['geplant', 'eingeladen', 'durchgefuehrt', 'abgesagt']).optional(),
  })
  .openapi('SitzungAenderung');

export const sitzungSchema = z
  .object({
    id: z.string().uuid(),
    gremiumId: z.string().uuid(),
    gremium: z.string(),
    kuerzel: z.string(),
    nummer: z.number().int(),
    beginn: z.string(),
    ende: z.string().nullable(),
    ort: z.string().nullable(),
    status: z.enum(['geplant', 'eingeladen', 'durchgefuehrt', 'abgesagt']),
    sequenz: z.number().int(),
    tagesordnung: z
      .array(
        z.object({
          id: z.string().uuid(),
          position: z.number().int(),
          nummer: z.string().openapi({ example: 'Ö 3' }),
          titel: z.string(),
          oeffentlich: z.boolean(),
          vorlageId: z.string().nullable(),
          drucksachenNr: z.string().nullable(),
          beratung: z
            .object({
              ergebnis: z.string(),
              ja: z.number().int().nullable(),
              nein: z.number().int().nullable(),
              enthaltung: z.number().int().nullable(),
            })
            .nullable(),
        }),
      )
      .optional(),
    anwesend: z.array(z.string().uuid()).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Sitzung');

export const sitzungenQuery = z.object({
  gremiumId: z.string().uuid().optional(),
  von: isoDate.optional(),
  bis: isoDate.optional(),
  ...pageQuery,
});

export const topInput = z
  .object({
    titel: text(1000),
    oeffentlich: z.boolean().optional(),
    vorlageId: z.string().uuid().nullable().optional(),
  })
  .openapi('TagesordnungspunktNeu');

export const reihenfolgeInput = z
  .object({ ids: z.array(z.string().uuid()).min(1).max(500) })
  .openapi('TagesordnungReihenfolge');

export const anwesenheitInput = z
  .object({ personIds: z.array(z.string().uuid()).max(500) })
  .openapi('Anwesenheit');

export const anwesenheitSchema = z
  .object({ sitzungId: z.string().uuid(), anwesend: z.array(z.string().uuid()) })
  .openapi('AnwesenheitErfasst');

const stimmen = z.number().int().min(0).max(1000).nullable().optional();
export const beratungInput = z
  .object({
    ergebnis: z.enum(['beschlossen', 'abgelehnt', 'vertagt', 'zur_kenntnis', 'verwiesen']),
    ja: stimmen,
    nein: stimmen,
    enthaltung: stimmen,
  })
  .openapi('BeratungEingabe');

export const beratungSchema = z
  .object({
    topId: z.string().uuid(),
    ergebnis: z.string(),
    ja: z.number().int().nullable(),
    nein: z.number().int().nullable(),
    enthaltung: z.number().int().nullable(),
    beschlussNr: z.string().nullable(),
    erfasstVon: z.string(),
    erfasstAm: z.string(),
  })
  .openapi('Beratung');

export const beschlussSchema = z
  .object({
    id: z.string().uuid(),
    nummer: z.string().openapi({ example: 'KT/065-03/19' }),
    text: z.string().nullable(),
    umsetzung: z.enum(['offen', 'in_umsetzung', 'erledigt']),
    topId: z.string().uuid(),
    top: z.string(),
    sitzungId: z.string().uuid(),
    sitzungBeginn: z.string(),
    gremium: z.string(),
    drucksachenNr: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('Beschluss');

export const beschluesseQuery = z.object({
  umsetzung: z.enum(['offen', 'in_umsetzung', 'erledigt']).optional(),
  ...pageQuery,
});

export const beschlussUpdate = z
  .object({
    text: optionalText(100_000),
    umsetzung: z.enum(['offen', 'in_umsetzung', 'erledigt']).optional(),
  })
  .openapi('BeschlussAenderung');
