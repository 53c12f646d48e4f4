import { z } from '@hono/zod-openapi';

export const importInput = z
  .object({
    verzeichnis: z.string().min(1).max(1000).openapi({
      description: 'Ordner relativ zum Importordner des Landkreises (VERBUND_IMPORT_DIR/<landkreis>/)',
      example: 'altbestand-2019',
    }),
    aktenplan: z.string().min(1).max(50).optional().openapi({
      description: 'Kennzeichen der Aktenplaneinheit (Standard: die des Landkreises)',
      example: '00.20',
    }),
  })
  .strict();

const outcome = z.object({
  pfad: z.string(),
  grund: z.string().nullable(),
  dokumentId: z.string().nullable(),
});

export const importSchema = z
  .object({
    id: z.string().uuid(),
    status: z.enum(['laeuft', 'fertig', 'abgebrochen']),
    aktenzeichen: z.string(),
    akteId: z.string().uuid(),
    gesamt: z.number().int().nullable(),
    verarbeitet: z.number().int(),
    importiert: z.number().int(),
    duplikate: z.number().int(),
    fehler: z.number().int(),
    fehlerliste: z.array(outcome),
    duplikatliste: z.array(outcome),
    createdAt: z.string(),
    beendetAt: z.string().nullable(),
  })
  .openapi('Import');

export const importListItem = z
  .object({
    id: z.string().uuid(),
    status: z.enum(['laeuft', 'fertig', 'abgebrochen']),
    aktenzeichen: z.string(),
    gesamt: z.number().int().nullable(),
    createdAt: z.string(),
    beendetAt: z.string().nullable(),
  })
  .openapi('ImportKurz');
