import { z } from '@hono/zod-openapi';
import { isoDate, pageQuery } from '../../../platform/http/schemas.ts';
import { AKTE_STATUS } from '../akten/akten.schemas.ts';
import { VORGANG_STATUS } from './vorgaenge.models.ts';

export const vorgangSchema = z
  .object({
    id: z.string().uuid(),
    akteId: z.string().uuid(),
    aktenzeichen: z.string(),
    akteTitel: z.string(),
    betreff: z.string(),
    status: z.enum(VORGANG_STATUS),
    eingangsdatum: z.string(),
    frist: z.string().nullable(),
    wiedervorlage: z.string().nullable(),
    zustaendigUserId: z.string().nullable(),
    zustaendigPerson: z.string().nullable(),
    zustaendigOeId: z.string().nullable(),
    zustaendigOe: z.string().nullable(),
    externeReferenz: z.string().nullable(),
    createdAt: z.string(),
    dokumente: z.number().int(),
    akteStatus: z.enum(AKTE_STATUS),
  })
  .openapi('Vorgang');

export const vorgangInput = z.object({
  betreff: z.string().trim().min(1).max(500),
  eingangsdatum: isoDate.optional(),
  frist: isoDate.nullable().optional(),
  wiedervorlage: isoDate.nullable().optional(),
  zustaendigPerson: z.string().max(100).nullable().optional().openapi({ description: 'Login oder ID' }),
  zustaendigOe: z.string().max(60).nullable().optional().openapi({ description: 'Kürzel oder ID' }),
  externeReferenz: z.string().max(200).nullable().optional(),
});

export const vorgangUpdate = vorgangInput
  .omit({ eingangsdatum: true })
  .partial()
  .extend({ status: z.enum(VORGANG_STATUS).optional() });

export const vorgaengeQuery = z.object({
  aktenzeichen: z.string().max(100).optional(),
  externeReferenz: z.string().max(200).optional(),
  status: z.enum(VORGANG_STATUS).optional(),
  ...pageQuery,
});

export const historyEntry = z.object({
  seq: z.number().int(),
  zeit: z.string(),
  akteur: z.string(),
  aktion: z.string(),
  objektTyp: z.string(),
  objektId: z.string(),
  daten: z.record(z.string(), z.unknown()),
});
