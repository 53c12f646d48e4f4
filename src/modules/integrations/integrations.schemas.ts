import { z } from '@hono/zod-openapi';

/** The OpenAPI tag of every endpoint of this module. */
export const tags = ['Fachverfahren-Anbindung'];

/** The `{id}` path parameter: connector ids are slugs, deliveries are numbered, so not a UUID here. */
export const idParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
