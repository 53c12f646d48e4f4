import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { collectUnknownFields } from '../../platform/http/openapi.ts';

const unknownIn = (schema: z.ZodType, value: unknown) => {
  const out: string[] = [];
  collectUnknownFields(schema, value, '', out);
  return out;
};

describe('unknown JSON fields', () => {
  const schema = z
    .object({
      titel: z.string(),
      frist: z.string().nullable().optional(),
      metadaten: z.array(z.object({ name: z.string(), wert: z.union([z.string(), z.number()]) })).default([]),
      zusatz: z.record(z.string(), z.unknown()).optional(),
      offen: z.looseObject({ a: z.string() }).optional(),
      wahl: z
        .union([
          z.object({ art: z.literal('a'), x: z.string() }),
          z.object({ art: z.literal('b'), y: z.string() }),
        ])
        .optional(),
      verarbeitet: z
        .object({ n: z.string() })
        .transform((v) => v.n)
        .optional(),
    })
    .partial({ titel: true })
    .openapi('Beispiel');

  it('names unknown keys at every depth, with their paths', () => {
    expect(
      unknownIn(schema, {
        titel: 'A',
        beiwerk: 1,
        metadaten: [
          { name: 'n', wert: 1 },
          { name: 'm', wert: 'x', typ: 'text' },
        ],
        verarbeitet: { n: 'x', extra: true },
      }),
    ).toEqual(['beiwerk', 'metadaten[1].typ', 'verarbeitet.extra']);
  });

  it('accepts any key where the schema says so (records, loose objects) and judges unions by the matching option', () => {
    expect(unknownIn(schema, { zusatz: { beliebig: { tief: 1 } }, offen: { a: 'x', b: 'y' } })).toEqual([]);
    expect(unknownIn(schema, { wahl: { art: 'b', y: 'ja' } })).toEqual([]);
    expect(unknownIn(schema, { wahl: { art: 'a', x: 'ja', y: 'nein' } })).toEqual(['wahl.y']);
  });

  it('leaves values of the wrong shape to the validator', () => {
    expect(unknownIn(schema, 'kein Objekt')).toEqual([]);
    expect(unknownIn(schema, { metadaten: 'keine Liste', frist: null })).toEqual([]);
  });
});
