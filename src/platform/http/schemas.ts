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

/** A JSON response of `schema` (for `responses: { 200: jsonResponse(schema) }`). */
export const jsonResponse = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body of `schema` (spread into `request`). */
export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/** The `{id}` path parameter of an object addressed by UUID. */
export const uuidPathParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** Paging of list endpoints: at most 200 a page. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT');

/** A multipart/form-data body with the file in `datei` and further text fields (documentation only). */
export const multipartFileBody = (extra: Record<string, z.ZodTypeAny>) => ({
  body: {
    required: true,
    content: {
      'multipart/form-data': {
        schema: z.object({
          datei: z.string().openapi({ type: 'string', format: 'binary', description: 'Die Datei' }),
          ...extra,
        }),
      },
    },
  },
});
