import { z } from 'zod';

export const tenantIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'nur a–z, 0–9 und einzelne Bindestriche')
  .min(2)
  .max(40);

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

export const AGREEMENT_ID = 'zv-serviceteam-egov';
