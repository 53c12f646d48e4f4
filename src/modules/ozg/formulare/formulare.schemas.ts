import { z } from '@hono/zod-openapi';

export const warningSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
});

export const importResultSchema = z
  .object({
    id: z.string().uuid(),
    formularId: z.string(),
    version: z.number().int(),
    fimVersion: z.string(),
    xdfVersion: z.string(),
    titel: z.string(),
    fields: z.number().int(),
    groups: z.number().int(),
    regeln: z.array(
      z.object({ id: z.string(), name: z.string(), umgesetzt: z.boolean(), grund: z.string().nullable() }),
    ),
    xsdGueltig: z.boolean(),
    warnungen: z.array(warningSchema),
    importiertAm: z.string(),
  })
  .openapi('FormularImport');

/** `?version=n` of a form (otherwise the newest). */
export const formularVersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/** `?force=true`: import despite XSD deviations or missing code lists (they become warnings). */
export const importQuery = z.object({ force: z.enum(['true', 'false']).optional() });
