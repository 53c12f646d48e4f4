import { z } from '@hono/zod-openapi';

export const leistungSchema = z
  .object({
    id: z.string(),
    leika: z.string().openapi({ example: '99108001001000' }),
    leikaPlatzhalter: z.boolean().openapi({ description: 'LeiKa-Schlüssel noch nicht geprüft' }),
    name: z.string(),
    texte: z.record(z.string(), z.string()),
    reifegrad: z.number().int().min(0).max(7),
    reifegradText: z.string(),
    ownerTenantId: z.string(),
    ownerName: z.string(),
    formularId: z.string().nullable(),
    formularName: z.string().nullable(),
    formularVersion: z.number().int().nullable(),
    formularNeueste: z.number().int().nullable(),
    standard: z.boolean(),
    kennzeichenVorschlag: z.string(),
  })
  .openapi('Leistung');

export const leistungenQuery = z.object({ q: z.string().max(200).optional() });

export const gemeindenQuery = z.object({ q: z.string().min(1).max(100) });

/** A county's change of its activation of a service. */
export const aktivierungSchema = z.object({
  aktiv: z.boolean().optional(),
  kennzeichen: z.string().max(40).optional(),
  oe: z.string().max(100).nullable().optional(),
});
