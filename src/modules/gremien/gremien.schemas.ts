import { z } from '@hono/zod-openapi';
import { isoDate, pageQuery } from '../../platform/http/schemas.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

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

const isoDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    'Zeitpunkt im Format JJJJ-MM-TTThh:mm+01:00',
  )
  .refine((v) => !Number.isNaN(Date.parse(v)), 'Kein gültiger Zeitpunkt');

export const sitzungInput = z
  .object({
    beginn: isoDateTime.openapi({ example: '2020-06-24T17:00:00+02:00' }),
    ende: isoDateTime.nullable().optional(),
    ort: optionalText(300).openapi({ example: 'Kreistagssaal, Lindenbühl 28/29, Mühlhausen' }),
  })
  .openapi('SitzungNeu');

export const sitzungUpdate = z
  .object({
    beginn: isoDateTime.optional(),
    ende: isoDateTime.nullable().optional(),
    ort: optionalText(300),
    status: z.enum(['geplant', 'eingeladen', 'durchgefuehrt', 'abgesagt']).optional(),
  })
  .openapi('SitzungAenderung');

export const sitzungSchema = z
  .object({
    id: z.string().uuid(),
    gremiumId: z.string().uuid(),
    gremium: z.string(),
    kuerzel: z.string(),
    nummer: z.number().int(),
    beginn: z.string(),
    ende: z.string().nullable(),
    ort: z.string().nullable(),
    status: z.enum(['geplant', 'eingeladen', 'durchgefuehrt', 'abgesagt']),
    sequenz: z.number().int(),
    tagesordnung: z
      .array(
        z.object({
          id: z.string().uuid(),
          position: z.number().int(),
          nummer: z.string().openapi({ example: 'Ö 3' }),
          titel: z.string(),
          oeffentlich: z.boolean(),
          vorlageId: z.string().nullable(),
          drucksachenNr: z.string().nullable(),
          beratung: z
            .object({
              ergebnis: z.string(),
              ja: z.number().int().nullable(),
              nein: z.number().int().nullable(),
              enthaltung: z.number().int().nullable(),
            })
            .nullable(),
        }),
      )
      .optional(),
    anwesend: z.array(z.string().uuid()).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Sitzung');

export const sitzungenQuery = z.object({
  gremiumId: z.string().uuid().optional(),
  von: isoDate.optional(),
  bis: isoDate.optional(),
  ...pageQuery,
});

export const topInput = z
  .object({
    titel: text(1000),
    oeffentlich: z.boolean().optional(),
    vorlageId: z.string().uuid().nullable().optional(),
  })
  .openapi('TagesordnungspunktNeu');

export const reihenfolgeInput = z
  .object({ ids: z.array(z.string().uuid()).min(1).max(500) })
  .openapi('TagesordnungReihenfolge');

export const anwesenheitInput = z
  .object({ personIds: z.array(z.string().uuid()).max(500) })
  .openapi('Anwesenheit');

export const anwesenheitSchema = z
  .object({ sitzungId: z.string().uuid(), anwesend: z.array(z.string().uuid()) })
  .openapi('AnwesenheitErfasst');

const stimmen = z.number().int().min(0).max(1000).nullable().optional();
export const beratungInput = z
  .object({
    ergebnis: z.enum(['beschlossen', 'abgelehnt', 'vertagt', 'zur_kenntnis', 'verwiesen']),
    ja: stimmen,
    nein: stimmen,
    enthaltung: stimmen,
  })
  .openapi('BeratungEingabe');

export const beratungSchema = z
  .object({
    topId: z.string().uuid(),
    ergebnis: z.string(),
    ja: z.number().int().nullable(),
    nein: z.number().int().nullable(),
    enthaltung: z.number().int().nullable(),
    beschlussNr: z.string().nullable(),
    erfasstVon: z.string(),
    erfasstAm: z.string(),
  })
  .openapi('Beratung');

export const beschlussSchema = z
  .object({
    id: z.string().uuid(),
    nummer: z.string().openapi({ example: 'KT/065-03/19' }),
    text: z.string().nullable(),
    umsetzung: z.enum(['offen', 'in_umsetzung', 'erledigt']),
    topId: z.string().uuid(),
    top: z.string(),
    sitzungId: z.string().uuid(),
    sitzungBeginn: z.string(),
    gremium: z.string(),
    drucksachenNr: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('Beschluss');

export const beschluesseQuery = z.object({
  umsetzung: z.enum(['offen', 'in_umsetzung', 'erledigt']).optional(),
  ...pageQuery,
});

export const beschlussUpdate = z
  .object({
    text: optionalText(100_000),
    umsetzung: z.enum(['offen', 'in_umsetzung', 'erledigt']).optional(),
  })
  .openapi('BeschlussAenderung');
