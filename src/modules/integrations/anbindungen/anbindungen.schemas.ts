import { z } from '@hono/zod-openapi';
import { TRIGGERS } from '../../../platform/outbox/outbox.ts';
import { NUTZLASTEN, TRANSPORTE } from './anbindungen.models.ts';

export const connectorInput = z.object({
  id: z.string().min(2).max(80),
  name: z.string().min(2).max(200),
  ausloeser: z.enum(TRIGGERS),
  filter: z.string().max(80).nullable().optional().openapi({
    description:
      'Leistung (antrag.eingegangen, vorgang.status) oder Aktenplan-Kennzeichen-Präfix (dokument.abgelegt)',
  }),
  nutzlast: z.enum(NUTZLASTEN),
  mapping: z.record(z.string(), z.unknown()).optional().openapi({
    description:
      'Deklarative Abbildung: Blätter "$.pfad.im.ereignis" oder Konstanten; leer = ganzes Ereignis',
  }),
  transport: z.enum(TRANSPORTE),
  maxVersuche: z.number().int().min(1).max(50).optional(),
  beschreibung: z.string().max(2000).optional(),
  owner: z.string().max(40).optional(),
});

export const activationInput = z.object({
  ziel: z.string().max(2000).nullable().optional(),
  secret: z.string().max(500).nullable().optional(),
  status: z.enum(['active', 'paused']).optional(),
});
