import { z } from '@hono/zod-openapi';
import { isoDate, pageQuery } from '../../platform/http/schemas.ts';

export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const gremiumInput = z
  .object({
    name: text(200).openapi({ example: 'Kreistag' }),
    kuerzel: z
      .string()
      .regex(
        /^[A-ZÄÖÜ][A-ZÄÖÜa-zäöüß0-9]{0,11}$/,
        'Kürzel: Großbuchstabe, dann bis zu 11 Buchstaben oder Ziffern',
      )
      .openapi({ example: 'KT' }),
    art: z.enum(['kreistag', 'kreisausschuss', 'ausschuss', 'beirat', 'sonstiges']),
    sitze: z.number().int().min(1).max(500).nullable().optional(),
  })
  .openapi('GremiumEingabe');

export const gremiumSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    kuerzel: z.string(),
    art: z.string(),
    sitze: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Gremium');

const beratung = z.object({
  gremiumId: z.string().uuid(),
  datum: isoDate.nullable().optional(),
  zustaendigkeit: z.enum(['vorberatung', 'entscheidung', 'kenntnisnahme']).optional(),
});

const vorlageFields = {
  art: z.enum(['beschlussvorlage', 'informationsvorlage', 'antrag', 'anfrage', 'mitteilung']).optional(),
  oeffentlich: z.boolean().optional().openapi({ description: 'false: nichtöffentliche Vorlage' }),
  einreicher: optionalText(300).openapi({ example: 'Verwaltung' }),
  federfuehrendeOeId: z.string().uuid().nullable().optional(),
  einreichung: isoDate.nullable().optional().openapi({ example: '2020-05-27' }),
  beschlussvorschlag: optionalText(100_000),
  begruendung: optionalText(200_000),
  unterzeichner: optionalText(300),
  beratungsfolge: z.array(beratung).max(50).optional(),
};

export const vorlageCreate = z
  .object({
    betreff: text(1000).openapi({ example: '1. Änderung der Zweckvereinbarung' }),
    ...vorlageFields,
  })
  .openapi('VorlageNeu');

export const vorlageUpdate = z
  .object({
    betreff: text(1000).optional(),
    drucksachenNr: text(60).optional().openapi({ description: 'nur bis zur Veröffentlichung änderbar' }),
    ...vorlageFields,
  })
  .openapi('VorlageAenderung');

export const vorlageSchema = z
  .object({
    id: z.string().uuid(),
    drucksachenNr: z.string().openapi({ example: 'KT/103/2020' }),
    art: z.string(),
    status: z.enum(['entwurf', 'freigegeben', 'veroeffentlicht', 'zurueckgezogen']),
    oeffentlich: z.boolean(),
    betreff: z.string(),
    einreicher: z.string().nullable(),
    federfuehrendeOeId: z.string().nullable(),
    einreichung: z.string().nullable(),
    beschlussvorschlag: z.string().nullable(),
    begruendung: z.string().nullable(),
    unterzeichner: z.string().nullable(),
    freigegebenVon: z.string().nullable(),
    freigegebenAm: z.string().nullable(),
    veroeffentlichtAm: z.string().nullable(),
    akteId: z.string().uuid().nullable().openapi({ description: 'Die Akte der Vorlage in der E-Akte' }),
    beratungsfolge: z.array(
      z.object({
        position: z.number().int(),
        gremiumId: z.string(),
        gremium: z.string(),
        kuerzel: z.string(),
        datum: z.string().nullable(),
        zustaendigkeit: z.string(),
      }),
    ),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Vorlage');

export const vorlagenQuery = z.object({
  status: z.enum(['entwurf', 'freigegeben', 'veroeffentlicht', 'zurueckgezogen']).optional(),
  ...pageQuery,
});

export const nummernvorlageSchema = z
  .object({
    vorlage: z.string().openapi({ example: 'KT/{seq:3}/{yyyy}' }),
    beispiel: z.string().openapi({ example: 'KT/001/2026' }),
  })
  .openapi('Nummernvorlage');

export const nummernvorlageInput = z
  .object({ vorlage: z.string().max(60).openapi({ example: 'KT/{seq:3}/{yyyy}' }) })
  .openapi('NummernvorlageEingabe');

export const wahlperiodeInput = z
  .object({
    name: text(100).openapi({ example: '2019–2024' }),
    beginn: isoDate,
    ende: isoDate.nullable().optional(),
  })
  .openapi('WahlperiodeEingabe');

export const wahlperiodeSchema = z
  .object({ id: z.string().uuid(), name: z.string(), beginn: z.string(), ende: z.string().nullable() })
  .openapi('Wahlperiode');

export const personInput = z
  .object({
    familienname: text(200),
    vorname: optionalText(200),
    titel: optionalText(50).openapi({ example: 'Dr.' }),
  })
  .openapi('PersonEingabe');

export const personSchema = z
  .object({
    id: z.string().uuid(),
    familienname: z.string(),
    vorname: z.string().nullable(),
    titel: z.string().nullable(),
  })
  .openapi('Person');

export const mitgliedInput = z
  .object({
    personId: z.string().uuid(),
    wahlperiodeId: z.string().uuid().nullable().optional(),
    rolle: z.enum(['vorsitz', 'stellvertretung', 'mitglied', 'beratend', 'verwaltung']).optional(),
    fraktion: optionalText(200).openapi({ example: 'Fraktion A (Beispiel)' }),
    stimmberechtigt: z.boolean().optional(),
    von: isoDate,
    bis: isoDate.nullable().optional(),
  })
  .openapi('MitgliedschaftEingabe');

export const mitgliedSchema = z
  .object({
    id: z.string().uuid(),
    gremiumId: z.string().uuid(),
    person: personSchema,
    wahlperiodeId: z.string().nullable(),
    wahlperiode: z.string().nullable(),
    rolle: z.string(),
    fraktion: z.string().nullable(),
    stimmberechtigt: z.boolean(),
    von: z.string(),
    bis: z.string().nullable(),
  })
  .openapi('Mitgliedschaft');

export const mitgliederQuery = z.object({
  stichtag: isoDate.optional().openapi({ description: 'nur die Mitglieder an diesem Tag' }),
});

export const personenQuery = z.object(pageQuery);
