import { z } from '@hono/zod-openapi';
import { isoDate } from '../../../platform/http/schemas.ts';
import { DOKUMENT_ARTEN, VERTRAULICHKEIT } from '../records.models.ts';

const TEXT_STATUS = ['pending', 'done', 'failed'] as const;

export const metadataField = z.object({
  name: z.string().min(1).max(100),
  typ: z.enum(['text', 'zahl', 'datum', 'ja-nein']),
  wert: z.union([z.string(), z.number(), z.boolean()]),
});

export const dokumentSchema = z
  .object({
    id: z.string().uuid(),
    vorgangId: z.string().uuid(),
    akteId: z.string().uuid(),
    aktenzeichen: z.string(),
    betreff: z.string(),
    titel: z.string(),
    art: z.enum(DOKUMENT_ARTEN),
    datum: z.string(),
    absender: z.string().nullable(),
    empfaenger: z.string().nullable(),
    metadaten: z.array(metadataField),
    vertraulichkeit: z.enum(VERTRAULICHKEIT),
    version: z.number().int(),
    sha256: z.string(),
    groesse: z.number().int(),
    mime: z.string(),
    dateiname: z.string(),
    textStatus: z.enum(TEXT_STATUS),
    textFehler: z.string().nullable(),
    parentDokumentId: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('Dokument');

export const versionSchema = z
  .object({
    version: z.number().int(),
    sha256: z.string(),
    groesse: z.number().int(),
    mime: z.string(),
    dateiname: z.string(),
    kommentar: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    textStatus: z.enum(TEXT_STATUS),
    textFehler: z.string().nullable(),
    extractor: z.string().nullable(),
    seiten: z.number().int().nullable(),
  })
  .openapi('DokumentVersion');

export const uploadResult = z
  .object({
    id: z.string().uuid(),
    sha256: z.string(),
    version: z.number().int(),
    mime: z.string(),
    dateiname: z.string(),
    titel: z.string(),
  })
  .openapi('UploadErgebnis');

/** The text fields of a document upload (multipart, documented; parsed by dokumentUploadFields). */
export const uploadFields = {
  titel: z.string().optional(),
  art: z.enum(DOKUMENT_ARTEN).optional(),
  datum: isoDate.optional(),
  absender: z.string().optional(),
  empfaenger: z.string().optional(),
  vertraulichkeit: z.enum(VERTRAULICHKEIT).optional(),
  metadaten: z.string().optional().openapi({ description: 'JSON: [{"name","typ","wert"}]' }),
};

export const dokumentUpdate = z
  .object({
    titel: z.string().trim().min(1).max(500),
    art: z.enum(DOKUMENT_ARTEN),
    datum: isoDate,
    absender: z.string().max(500).nullable(),
    empfaenger: z.string().max(500).nullable(),
    metadaten: z.array(metadataField).max(50),
    vertraulichkeit: z.enum(VERTRAULICHKEIT),
  })
  .partial();

export const contentQuery = z.object({
  version: z.coerce.number().int().min(1).optional(),
  anzeige: z.enum(['inline', 'download']).optional(),
});

export const textResult = z.object({
  text: z.string().nullable(),
  status: z.string(),
  fehler: z.string().nullable(),
});
