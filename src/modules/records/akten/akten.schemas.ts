import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../../platform/http/schemas.ts';
import { VERTRAULICHKEIT } from '../records.models.ts';

export const AKTE_STATUS = ['offen', 'zda'] as const;

export const akteSchema = z
  .object({
    id: z.string().uuid(),
    aktenzeichen: z.string().openapi({ example: '00.20-0001/2026' }),
    titel: z.string(),
    status: z.enum(AKTE_STATUS),
    vertraulichkeit: z.enum(VERTRAULICHKEIT),
    aktenplan: z.object({ id: z.string().uuid(), kennzeichen: z.string(), titel: z.string() }),
    federfuehrendeOe: z.object({ id: z.string(), kuerzel: z.string(), name: z.string() }).nullable(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    vorgaenge: z.number().int(),
  })
  .openapi('Akte');

export const aktenQuery = z.object({
  aktenplan: z.string().max(40).optional(),
  status: z.enum(AKTE_STATUS).optional(),
  q: z.string().max(200).optional(),
  ...pageQuery,
});

export const akteInput = z.object({
  titel: z.string().trim().min(1).max(500),
  aktenplan: z.string().max(40).optional().openapi({ description: 'Kennzeichen; Standard: Einstellung' }),
  federfuehrendeOe: z.string().max(60).optional().openapi({ description: 'Kürzel oder ID' }),
  vertraulichkeit: z.enum(VERTRAULICHKEIT).optional(),
});

export const akteCreated = z.object({ id: z.string().uuid(), aktenzeichen: z.string() });

export const reopenInput = z.object({ begruendung: z.string().trim().min(3).max(1000) });
