import { z } from '@hono/zod-openapi';
import { countyRolesSchema } from '../identity.schemas.ts';

export const userSchema = z
  .object({
    id: z.string().uuid(),
    login: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    orgUnitId: z.string().nullable(),
    disabled: z.boolean(),
  })
  .openapi('Benutzer');

export const newUserBody = z.object({
  login: z.string(),
  displayName: z.string().min(1).max(200),
  password: z.string(),
  roles: countyRolesSchema,
  orgUnit: z.string().optional(),
  email: z.string().email().optional(),
});

export const toUser = (u: {
  id: string;
  login: string;
  display_name: string;
  roles: string[];
  org_unit_id: string | null;
  disabled_at: Date | null;
}) => ({
  id: u.id,
  login: u.login,
  displayName: u.display_name,
  roles: u.roles,
  orgUnitId: u.org_unit_id,
  disabled: Boolean(u.disabled_at),
});
