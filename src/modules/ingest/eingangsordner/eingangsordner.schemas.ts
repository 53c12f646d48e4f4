import { z } from '@hono/zod-openapi';

const regel = z
  .object({
    unterordner: z.string().min(1).max(1000).openapi({ example: 'Bauamt' }),
    aktenplan: z.string().min(1).max(50).optional().openapi({ example: '63.01' }),
    vorgangId: z.string().uuid().optional(),
  })
  .strict();

export const eingangsordnerInput = z
  .object({
    name: z.string().min(1).max(200).openapi({ example: 'Poststelle Bauamt' }),
    pfad: z
      .string()
      .min(1)
      .max(1000)
      .openapi({ description: 'relativ zu VERBUND_EINGANG_DIR/<landkreis>/', example: 'bauamt' }),
    aktenplan: z.string().min(1).max(50).optional().openapi({ example: '00.40' }),
    oe: z.string().min(1).max(100).optional().openapi({ description: 'Kürzel der Organisationseinheit' }),
    regeln: z.array(regel).max(200).optional(),
    stabilSekunden: z.number().int().min(1).max(3600).optional(),
  })
  .strict();

export const eingangsordnerChange = z
  .object({
    name: z.string().min(1).max(200).optional(),
    regeln: z.array(regel).max(200).optional(),
    stabilSekunden: z.number().int().min(1).max(3600).optional(),
    aktiv: z.boolean().optional(),
  })
  .strict();

const ordnerFields = {
  id: z.string().uuid(),
  name: z.string(),
  pfad: z.string(),
  oe: z.string().nullable(),
  aktenplan: z.string(),
  akteId: z.string().uuid(),
  regeln: z.array(regel),
  stabilSekunden: z.number().int(),
  aktiv: z.boolean(),
  createdAt: z.string(),
};

export const eingangsordnerSchema = z.object(ordnerFields).openapi('Eingangsordner');

export const eingangsordnerDetail = z
  .object({
    ...ordnerFields,
    dateien: z.array(
      z.object({
        pfad: z.string(),
        status: z.enum(['abgelegt', 'duplikat', 'fehler']),
        dokumentId: z.string().nullable(),
        grund: z.string().nullable(),
        zeitpunkt: z.string(),
      }),
    ),
  })
  .openapi('EingangsordnerMitDateien');
