import { describe, expect, it } from 'vitest';
import { percentileInc } from './kennzahlen.models.ts';

describe('processing-time percentiles', () => {
  it('times of 1 … 10 days give a median of 5.5 and a p90 of 9.1 (PERCENTILE.INC)', () => {
    const tage = [7, 1, 10, 3, 5, 2, 9, 4, 8, 6];
    expect(percentileInc(tage, 0.5)).toBe(5.5);
    expect(percentileInc(tage, 0.9)).toBeCloseTo(9.1, 10);
  });

  it('one value is every percentile; no value has none; p outside 0…1 is refused', () => {
    expect(percentileInc([4], 0.9)).toBe(4);
    expect(percentileInc([], 0.5)).toBeNull();
    expect(() => percentileInc([1], 1.5)).toThrow();
  });
});
