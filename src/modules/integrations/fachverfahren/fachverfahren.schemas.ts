import { z } from '@hono/zod-openapi';
import { VORGANG_STATUS } from '../../records/records.module.ts';
import { FACHVERFAHREN_ROLLEN } from './fachverfahren.models.ts';

export const fachverfahrenInput = z.object({
  kennung: z.string().min(2).max(60),
  name: z.string().min(2).max(200),
  hersteller: z.string().max(200).optional(),
  benutzer: z.string().max(100).optional().openapi({ description: 'handelt im Namen dieser Person' }),
  rollen: z.array(z.enum(FACHVERFAHREN_ROLLEN)).optional(),
});

export const fachverfahrenCreated = z.object({
  id: z.string(),
  kennung: z.string(),
  name: z.string(),
  token: z.string(),
  tokenId: z.string(),
});

export const vorgangStatusInput = z.object({
  status: z.enum(VORGANG_STATUS),
  nachricht: z.string().max(5000).optional(),
  bescheidDokumentId: z.string().uuid().optional(),
});
