import { z } from '@hono/zod-openapi';
import { VERTRAULICHKEIT } from '../records.models.ts';
import { AUSSONDERUNG } from './aktenplan.models.ts';

export const unitSchema = z
  .object({
    id: z.string().uuid(),
    parentId: z.string().uuid().nullable(),
    kennzeichen: z.string().openapi({ example: '00.20' }),
    titel: z.string(),
    aufbewahrungJahre: z.number().int().nullable().openapi({ description: 'null = dauernd' }),
    aussonderung: z.enum(AUSSONDERUNG),
    vertraulichkeit: z.enum(VERTRAULICHKEIT),
    ausVorlage: z.boolean(),
  })
  .openapi('AktenplanEinheit');

export const unitInput = z.object({
  kennzeichen: z.string().max(40),
  titel: z.string().min(1).max(300),
  aufbewahrungJahre: z.number().int().min(0).max(200).nullable().default(null),
  aussonderung: z.enum(AUSSONDERUNG),
  vertraulichkeit: z.enum(VERTRAULICHKEIT).default('offen'),
});

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerTenantId: z.string().nullable(),
  version: z.number().int(),
  einheiten: z.number().int(),
});

export const importResult = z.object({ added: z.number().int(), updated: z.number().int() });

export const settingsSchema = z.object({ aktenzeichenMuster: z.string(), defaultKennzeichen: z.string() });

/** Largest Aktenplan CSV accepted, by the API and the form alike. */
export const AKTENPLAN_CSV_MAX_BYTES = 5 * 1024 * 1024;
