import { z } from '@hono/zod-openapi';

export const tenantIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'nur a–z, 0–9 und einzelne Bindestriche')
  .min(2)
  .max(40);

/** A new member as the CLI, the demo seed and the API give it (checked again in addMember). */
export const newMemberSchema = z.object({
  id: tenantIdSchema,
  name: z.string().trim().min(2).max(200),
  kreisschluessel: z.string().regex(/^\d{5}$/, 'Kreisschlüssel: genau 5 Ziffern'),
  joinedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  amendment: z
    .object({
      number: z.number().int().positive(),
      title: z.string(),
      drucksache: z.string(),
      resolvedBy: z.string(),
      resolvedOn: z.string(),
      summary: z.string(),
    })
    .optional(),
});
export type NewMember = z.infer<typeof newMemberSchema>;

export const memberSchema = z
  .object({ id: z.string(), name: z.string(), kreisschluessel: z.string(), joinedOn: z.string() })
  .openapi('Mitglied');

export const addMemberBody = z.object({
  id: z.string().openapi({ example: 'ilm-kreis' }),
  name: z.string().openapi({ example: 'Ilm-Kreis' }),
  kreisschluessel: z.string().openapi({ example: '16070' }),
});

export const receivedSchema = z.object({
  kind: z.string(),
  id: z.string(),
  label: z.string(),
  status: z.string(),
  ownerTenantId: z.string().nullable(),
  hook: z.string(),
});

export const addedMemberSchema = z.object({
  member: memberSchema,
  admin: z.object({ login: z.string(), password: z.string() }),
  received: z.array(receivedSchema),
});

export const toMember = (t: { id: string; name: string; kreisschluessel: string; joined_on: string }) => ({
  id: t.id,
  name: t.name,
  kreisschluessel: t.kreisschluessel,
  joinedOn: t.joined_on,
});
