import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../../platform/http/schemas.ts';
import { VORGANG_STATUS } from '../../records/records.module.ts';

export const antragCreatedSchema = z
  .object({
    id: z.string().uuid(),
    nummer: z.string(),
    trackingCode: z.string(),
    vorgangId: z.string().uuid(),
    zustaendig: z.object({ id: z.string(), name: z.string() }),
    leistung: z.object({ id: z.string(), name: z.string(), leika: z.string() }),
    eingang: z.string(),
    metadaten: z.unknown().openapi({ description: 'FIT-Connect-Metadaten (Schema v1.0.0)' }),
  })
  .openapi('AntragEingang');

export const antragSchema = z
  .object({
    id: z.string().uuid(),
    nummer: z.string(),
    leistung: z.object({ id: z.string(), name: z.string(), leika: z.string() }),
    gemeinde: z.object({ ags: z.string(), name: z.string() }),
    zustaendig: z.object({ id: z.string(), name: z.string() }),
    status: z.string(),
    statusText: z.string(),
    vorgangId: z.string().uuid(),
    akteId: z.string().uuid(),
    quelle: z.string(),
    formular: z.object({ id: z.string(), version: z.number().int() }).nullable(),
    daten: z.record(z.string(), z.unknown()).optional(),
    eingang: z.string(),
    metadaten: z.unknown().optional(),
    anlagen: z.array(z.unknown()),
    nachrichten: z.array(z.unknown()),
  })
  .openapi('Antrag');

/** The multipart body of a submission (documentation; the handler streams the parts). */
export const antragSubmitBodySchema = z.object({
  leistung: z.string(),
  gemeinde: z.string(),
  daten: z.string().openapi({ description: 'JSON-Objekt' }),
  anlagen: z.string().openapi({ type: 'string', format: 'binary' }).optional(),
});

export const antraegeQuery = z.object({
  status: z.string().max(40).optional(),
  leistung: z.string().max(80).optional(),
  ...pageQuery,
});

/** Case work: every Vorgang status but `neu` (an Antrag starts there and never goes back). */
export const antragStatusSchema = z.object({
  status: z.enum(VORGANG_STATUS).exclude(['neu']),
  nachricht: z.string().max(5000).optional(),
  bescheidDokumentId: z.string().uuid().optional(),
});
