import { z } from '@hono/zod-openapi';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'akte.not_found' }),
    detail: z.string(),
    detailDe: z.string(),
    instance: z.string(),
    errors: z.unknown().optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** The error responses every authenticated endpoint documents. */
export const errorResponses = {
  400: problem('Ungültige Anfrage'),
  401: problem('Nicht angemeldet oder Token ungültig'),
  403: problem('Rolle fehlt'),
  404: problem('Nicht gefunden (auch: Objekt eines anderen Landkreises)'),
} as const;

export const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

export const bearerSecurity: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
