import { z } from '@hono/zod-openapi';
import { isoDate } from '../../../platform/http/schemas.ts';
import { newMemberSchema } from '../mitglieder/mitglieder.schemas.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const aenderungCreate = z
  .object({
    titel: z.string().trim().min(3).max(500).openapi({ example: '2. Änderung der Zweckvereinbarung' }),
    wortlaut: text(200_000).openapi({
      description: 'Wortlaut der Änderung; sein SHA-256 benennt die Fassung',
    }),
    begruendung: z.string().trim().max(100_000).nullable().optional(),
    beitritt: newMemberSchema
      .pick({ id: true, name: true, kreisschluessel: true })
      .nullable()
      .optional()
      .openapi({
        description: 'beitretender Landkreis (wird als Mandant vorbereitet, falls er noch keiner ist)',
      }),
    austrittLandkreisId: z.string().nullable().optional(),
    kostenschluessel: z
      .record(z.string(), z.number().min(0).max(100))
      .nullable()
      .optional()
      .openapi({ description: 'Anteile in Prozent je Landkreis nach der Änderung (Summe 100)' }),
    genehmigungspflichtig: z
      .boolean()
      .optional()
      .openapi({ description: 'Standard: ja (§§ 11, 13 ThürKGG)' }),
    benanntesWirksamkeitsdatum: isoDate.nullable().optional(),
  })
  .refine((v) => !(v.beitritt && v.austrittLandkreisId), {
    message: 'Eine Änderung regelt entweder einen Beitritt oder einen Austritt.',
  })
  .openapi('AenderungNeu');

export const genehmigungBody = z
  .object({ am: isoDate, aktenzeichen: text(200).openapi({ example: '200-4121-2/2020' }) })
  .openapi('Genehmigung');
export const bekanntmachungBody = z
  .object({ am: isoDate, amtsblatt: text(300).openapi({ example: 'ThürStAnz Nr. 40/2020, S. 1234' }) })
  .openapi('Bekanntmachung');
export const unterschriftBody = z
  .object({ am: isoDate, von: text(300).openapi({ example: 'Landrat' }) })
  .openapi('Unterschrift');

const partei = z.object({
  landkreisId: z.string(),
  landkreis: z.string(),
  rolle: z.enum(['mitglied', 'beitretend', 'austretend']),
  vorlageId: z.string().nullable(),
  drucksachenNr: z.string().nullable(),
  status: z.enum(['offen', 'beschlossen', 'abgelehnt']),
  beschlussNr: z.string().nullable(),
  beschlossenAm: z.string().nullable(),
  beschlosseneFassung: z.string().nullable(),
  abweichendeFassung: z.boolean(),
  unterzeichnet: z.object({ am: z.string(), von: z.string() }).nullable(),
  beispieldaten: z.boolean(),
});

export const aenderungSchema = z
  .object({
    id: z.string().uuid(),
    nummer: z.number().int(),
    titel: z.string(),
    wortlaut: z.string(),
    wortlautSha256: z.string(),
    begruendung: z.string().nullable(),
    art: z.enum(['beitritt', 'austritt', 'sonstige']),
    beitrittLandkreisId: z.string().nullable(),
    austrittLandkreisId: z.string().nullable(),
    kostenschluessel: z.record(z.string(), z.number()).nullable(),
    genehmigungspflichtig: z.boolean(),
    benanntesWirksamkeitsdatum: z.string().nullable(),
    genehmigung: z.object({ am: z.string(), aktenzeichen: z.string() }).nullable(),
    bekanntmachung: z.object({ am: z.string(), amtsblatt: z.string() }).nullable(),
    wirksamAb: z.string().nullable(),
    status: z.string(),
    vollzogenAm: z.string().nullable(),
    beispieldaten: z.boolean(),
    parteien: z.array(partei),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('Aenderung');

const vorlagenFehler = z
  .array(z.object({ landkreisId: z.string(), detailDe: z.string() }))
  .openapi({ description: 'Landkreise, in denen die Vorlage (noch) nicht angelegt werden konnte' });

export const vorlagenAngelegt = z
  .object({ aenderung: aenderungSchema, vorlagenFehler })
  .openapi('AenderungVorlagen');

export const aenderungCreated = z
  .object({
    aenderung: aenderungSchema,
    vorlagenFehler,
    beitrittAdmin: z
      .object({ login: z.string(), password: z.string() })
      .nullable()
      .openapi({ description: 'Konto des vorbereiteten Landkreises; das Passwort wird nur hier gezeigt' }),
  })
  .openapi('AenderungAngelegt');
