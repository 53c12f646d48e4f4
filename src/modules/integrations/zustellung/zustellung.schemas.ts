import { z } from '@hono/zod-openapi';

export const deliveriesQuery = z.object({
  status: z.enum(['pending', 'delivering', 'delivered', 'dead']).optional(),
  connector: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const monitorQuery = z.object({ verbund: z.enum(['true', 'false']).optional() });
