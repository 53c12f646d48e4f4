import { z } from '@hono/zod-openapi';
import { EXPORT_FORMATE } from '../../../platform/export/antwort.ts';

const zelle = z.union([z.string(), z.number(), z.null()]);

export const tabelleSchema = z
  .object({
    titel: z.string(),
    spalten: z.array(
      z.object({
        name: z.string(),
        art: z.enum(['text', 'ganzzahl', 'zahl', 'euro', 'prozent', 'tage', 'datum']).optional(),
        nachkommastellen: z.number().int().optional(),
      }),
    ),
    zeilen: z.array(z.array(zelle)),
    hinweis: z.string().optional(),
  })
  .openapi('SteuerungTabelle', {
    description:
      'Eine Kennzahlentabelle: Beträge in Euro (Zahl), Prozent als 91.7 für 91,7 %, Tage als Dezimalzahl, Datum als JJJJ-MM-TT; leere Zelle = null.',
  });

export const kennzahlSchema = z
  .object({
    key: z.string(),
    beschreibung: z.string(),
    darstellung: z.string().openapi({ description: 'balken, linie, heatmap, band, status oder tabelle' }),
    leer: z.string().openapi({ description: 'Text, wenn die Tabelle keine Zeilen hat' }),
    tabelle: tabelleSchema,
    export: z.object({ csv: z.string(), xlsx: z.string() }),
  })
  .openapi('SteuerungKennzahl');

export const berichtSchema = z
  .object({
    jahr: z.number().int(),
    sicht: z.enum(['verbund', 'kreis']).openapi({
      description:
        'verbund: jeder Landkreis (Serviceteam); kreis: eigener Landkreis und Verbundsummen – entscheidet die Datenbank',
    }),
    stand: z.string().openapi({ description: 'Zeitpunkt der Berechnung (ISO 8601)' }),
    abschnitte: z.array(
      z.object({
        key: z.string(),
        titel: z.string(),
        text: z.string().optional(),
        kennzahlen: z.array(kennzahlSchema),
      }),
    ),
  })
  .openapi('SteuerungBericht');

export const jahrQuery = z.object({
  jahr: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .openapi({ description: 'Jahr der Zahlen (Standard: laufendes Jahr)', example: 2020 }),
});

export const exportQuery = jahrQuery.extend({
  format: z
    .enum(EXPORT_FORMATE)
    .openapi({ description: 'csv (UTF-8 mit BOM, Semikolon, Dezimalkomma) oder xlsx' }),
});

export const kennzahlParam = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/, 'Kennzahl: Kleinbuchstaben, Ziffern, Bindestriche')
    .openapi({ param: { name: 'key', in: 'path' }, example: 'antraege-monate' }),
});
