import { z } from '@hono/zod-openapi';
import { ROLES } from '../../platform/http/principal.ts';

export const roleSchema = z.enum(ROLES);

/** Roles a county may give its own users and tokens (the Verbund's admin role is not among them). */
export const countyRolesSchema = z.array(roleSchema.exclude(['verbund-admin'])).min(1);

export const uuidParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});
