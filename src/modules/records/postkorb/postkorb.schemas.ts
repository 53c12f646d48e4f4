import { z } from '@hono/zod-openapi';
import { vorgangSchema } from '../vorgaenge/vorgaenge.schemas.ts';

export const POSTKORB_BEREICHE = ['alle', 'person', 'oe'] as const;
export type PostkorbBereich = (typeof POSTKORB_BEREICHE)[number];

export const postkorbQuery = z.object({
  bereich: z.enum(POSTKORB_BEREICHE).default('alle'),
  fristTage: z.coerce.number().int().min(0).max(365).default(7),
});

const postkorbDokument = z.object({
  id: z.string().uuid(),
  titel: z.string(),
  art: z.string(),
  datum: z.string(),
  vorgangId: z.string().uuid(),
  betreff: z.string(),
  aktenzeichen: z.string(),
  createdAt: z.string(),
});

export const postkorbSchema = z.object({
  neueVorgaenge: z.array(vorgangSchema),
  neueDokumente: z.array(postkorbDokument),
  wiedervorlagen: z.array(vorgangSchema),
  fristen: z.array(vorgangSchema),
});

export const seenInput = z.object({ typ: z.enum(['vorgang', 'dokument']), id: z.string().uuid() });
