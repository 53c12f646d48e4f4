import { z } from '@hono/zod-openapi';

/** The `{id}` path parameter of the OZG routes: a service id or LeiKa key, a form id, an Antrag id. */
export const idParam = () =>
  z.object({
    id: z
      .string()
      .max(100)
      .openapi({ param: { name: 'id', in: 'path' } }),
  });

/** A 422 answer (problem+json) whose `errors` list what was refused. */
export const unprocessableResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: z.unknown() } },
});
