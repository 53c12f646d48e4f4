import { describe, expect, it } from 'vitest';
import { beschlussNummer } from './beschluss-nr.models.ts';

describe('Beschluss-Nr.', () => {
  it('KT, session 65, item 3 in 2019 gives KT/065-03/19', () => {
    expect(beschlussNummer({ gremium: 'KT', sitzung: 65, top: 3, jahr: 2019 })).toBe('KT/065-03/19');
    expect(beschlussNummer({ gremium: 'KA', sitzung: 1234, top: 12, jahr: 2020 })).toBe('KA/1234-12/20');
    expect(
      beschlussNummer({ gremium: 'JHA', sitzung: 7, top: 1, jahr: 2026 }, 'B {yyyy}/{sitzung}.{top}'),
    ).toBe('B 2026/7.1');
  });
});
