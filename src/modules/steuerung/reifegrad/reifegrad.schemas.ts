import { z } from '@hono/zod-openapi';
import { KRITERIUM_KEYS } from './reifegrad.models.ts';

const kriteriumWert = z
  .union([z.number().int().min(0).max(4), z.literal('entfaellt'), z.null()])
  .openapi({ description: 'Stufe 0–4, „entfaellt“ (nicht erforderlich) oder null (Erfassung löschen)' });

export const reifegradInput = z
  .object({
    kriterien: z
      .partialRecord(z.enum(KRITERIUM_KEYS), kriteriumWert)
      .optional()
      .openapi({ example: { bezahlung: 'entfaellt', authentifizierung: 3 } }),
    stufe20: z.number().int().min(0).max(7).nullable().optional().openapi({
      description: 'Reifegrad nach Modell 2.0 (0–7), nur erfasst',
    }),
    bemerkung: z.string().max(1000).optional(),
  })
  .strict()
  .openapi('ReifegradErfassung');
export type ReifegradInput = z.infer<typeof reifegradInput>;

const kriteriumSchema = z.object({
  key: z.string(),
  name: z.string(),
  quelle: z.enum(['erfasst', 'abgeleitet', 'offen']),
  erfasst: z.union([z.number(), z.literal('entfaellt'), z.null()]),
  abgeleitet: z.number().nullable(),
  wirksam: z.union([z.number(), z.literal('entfaellt'), z.null()]),
});

export const leistungReifegradSchema = z
  .object({
    leistungId: z.string(),
    name: z.string(),
    aktiv: z.boolean(),
    stufe: z.number().int(),
    stufenName: z.string(),
    online: z.boolean(),
    ozgKonform: z.boolean(),
    stufe20: z.number().int().nullable(),
    offeneKriterien: z.number().int(),
    kriterien: z.array(kriteriumSchema),
  })
  .openapi('LeistungReifegrad');

export const reifegradVerbundSchema = z
  .object({
    stufen: z.array(z.object({ stufe: z.number(), name: z.string() })),
    landkreise: z.array(
      z.object({
        tenantId: z.string(),
        name: z.string(),
        jeStufe: z.array(z.number().int()),
        gesamt: z.number().int(),
        online: z.number().int(),
        ozgKonform: z.number().int(),
      }),
    ),
    stand: z.string().nullable(),
  })
  .openapi('ReifegradVerbund');

export const leistungIdParam = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Kennung der Leistung (Kleinbuchstaben, Ziffern, Bindestriche)')
    .max(80)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'wohngeld' }),
});
