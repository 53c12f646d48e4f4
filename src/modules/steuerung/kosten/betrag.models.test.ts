import { describe, expect, it } from 'vitest';
import { centAusEuro, euro } from './betrag.models.ts';

describe('euro amounts', () => {
  it('reads plain, German and decimal-point amounts into cents and refuses anything else', () => {
    expect(centAusEuro('240000')).toBe(24_000_000n);
    expect(centAusEuro('240.000')).toBe(24_000_000n);
    expect(centAusEuro('1234,5')).toBe(123_450n);
    expect(centAusEuro('1234.56')).toBe(123_456n);
    for (const bad of ['', '-5', '12,345', 'abc', '1.2.3', '1e5']) expect(centAusEuro(bad)).toBeNull();
  });

  it('prints cents as German euros with thousands dots', () => {
    expect(euro(6_000_000n)).toBe('60.000,00 €');
    expect(euro(5)).toBe('0,05 €');
    expect(euro(-123_456n)).toBe('−1.234,56 €');
  });
});
