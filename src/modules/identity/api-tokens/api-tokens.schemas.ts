import { z } from '@hono/zod-openapi';
import { countyRolesSchema } from '../identity.schemas.ts';

export const tokenSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    roles: z.array(z.string()),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ApiToken');

export const newTokenBody = z.object({
  name: z.string().min(1).max(200),
  roles: countyRolesSchema,
  user: z.string().optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const createdTokenSchema = z.object({
  id: z.string(),
  token: z.string(),
  expiresAt: z.string().nullable(),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The API's view of a token: never its secret (only its hash is stored anyway). */
export const toToken = (t: {
  id: string;
  name: string;
  roles: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
}) => ({
  id: t.id,
  name: t.name,
  roles: t.roles,
  expiresAt: iso(t.expires_at),
  revokedAt: iso(t.revoked_at),
  lastUsedAt: iso(t.last_used_at),
  createdAt: t.created_at.toISOString(),
});
