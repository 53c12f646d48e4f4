import { describe, expect, it } from 'vitest';
import { ampel, type Zustand } from './zustand.models.ts';

const z = (teil: Partial<Zustand>): Zustand => ({
  connectorId: 'wohngeld',
  tenantId: 'nordhausen',
  aktiv: true,
  zugestellt24h: 100,
  versucht24h: 100,
  zugestellt7d: 700,
  versucht7d: 700,
  letzterErfolg: '2020-09-30T12:00:00.000Z',
  tot: 0,
  fehlerhaft: 0,
  p95Ms: 40,
  ...teil,
});

describe('connector traffic light', () => {
  it('is green at full success, yellow below 95 % in 24 hours, red on a failing or dead delivery, grey when idle', () => {
    expect(ampel(z({}))).toEqual({ ampel: 'gruen', quote24h: 100, quote7d: 100 });
    expect(ampel(z({ zugestellt24h: 94 })).ampel).toBe('gelb');
    expect(ampel(z({ fehlerhaft: 1 })).ampel).toBe('rot');
    expect(ampel(z({ tot: 1, zugestellt24h: 100 })).ampel).toBe('rot');
    expect(
      ampel(z({ aktiv: false, versucht7d: 0, versucht24h: 0, zugestellt24h: 0, zugestellt7d: 0 })),
    ).toEqual({
      ampel: 'grau',
      quote24h: null,
      quote7d: null,
    });
  });
});
