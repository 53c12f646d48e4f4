import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../../platform/http/schemas.ts';

export const deliveriesQuery = z.object({
  status: z.enum(['pending', 'delivering', 'delivered', 'dead']).optional(),
  connector: z.string().max(80).optional(),
  ...pageQuery,
});

export const monitorQuery = z.object({ verbund: z.enum(['true', 'false']).optional() });
