import { describe, expect, it } from 'vitest';
import { type Artefakt, type Beteiligt, matrix, type Nutzung, verlauf } from './nachnutzung.models.ts';

const besitzer = ['a', 'b', 'c'];
// 12 artifacts, four built by each of the three founding members
const artefakte: Artefakt[] = Array.from({ length: 12 }, (_, i) => ({
  art: 'leistung',
  id: `l${i}`,
  label: `Leistung ${i}`,
  ownerTenantId: besitzer[i % 3]!,
  seit: '2019-11-27',
}));
const gruender: Beteiligt[] = besitzer.map((id) => ({
  id,
  name: id.toUpperCase(),
  mitgliedSeit: '2019-11-27',
}));
const vierter: Beteiligt = { id: 'd', name: 'D', mitgliedSeit: '2020-06-24' };
const genutzt = (tenantId: string, a: Artefakt, tag = '2020-09-15T10:00:00.000Z'): Nutzung => ({
  art: a.art,
  artefaktId: a.id,
  tenantId,
  aktiviertAm: '2020-01-01',
  zuletztGenutzt: tag,
  monate: [`${tag.slice(0, 7)}-01`],
});
const voll = artefakte.flatMap((a) =>
  besitzer.filter((b) => b !== a.ownerTenantId).map((b) => genutzt(b, a)),
);

describe('Nachnutzung', () => {
  it('12 artifacts fully reused by 3 members: 24 of 24 possible uses = 100 %', () => {
    const m = matrix({ artefakte, mitglieder: gruender, nutzungen: voll, stichtag: '2020-10-01' });
    expect([m.genutzt, m.moeglich, m.prozent]).toEqual([24, 24, 100]);
    expect(m.zeilen[0]!.zellen.map((z) => z.zelle)).toEqual(['eigentuemer', 'genutzt', 'genutzt']);
  });

  it('a fourth member that adopts 9 of the 12: 33 of 36 = 91.7 %', () => {
    const adoptiert = artefakte.slice(0, 9).map((a) => genutzt('d', a));
    const m = matrix({
      artefakte,
      mitglieder: [...gruender, vierter],
      nutzungen: [...voll, ...adoptiert],
      stichtag: '2020-10-01',
    });
    expect([m.genutzt, m.moeglich, m.prozent]).toEqual([33, 36, 91.7]);
    expect(m.zeilen[11]!.zellen.at(-1)).toEqual({ tenantId: 'd', zelle: 'nicht' });
  });

  it('an activation without a use in the last 90 days counts as activated, not as used', () => {
    const alt = voll.map((n) => ({ ...n, zuletztGenutzt: '2020-06-01T00:00:00.000Z' }));
    const m = matrix({ artefakte, mitglieder: gruender, nutzungen: alt, stichtag: '2020-10-01' });
    expect([m.genutzt, m.prozent]).toEqual([0, 0]);
    expect(m.zeilen[0]!.zellen[1]!.zelle).toBe('aktiviert');
  });

  it('over time: the join month is marked and the grade drops with the new member, then rises as it adopts', () => {
    const frueh = voll.map((n) => ({
      ...n,
      monate: ['2020-05-01', '2020-06-01', '2020-07-01', '2020-08-01'],
    }));
    const spaeter = artefakte.slice(0, 9).map((a) => ({ ...genutzt('d', a), monate: ['2020-08-01'] }));
    const punkte = verlauf({
      artefakte,
      mitglieder: [...gruender, vierter],
      nutzungen: [...frueh, ...spaeter],
      monate: ['2020-05', '2020-06', '2020-07', '2020-08'],
    });
    expect(punkte.map((p) => [p.monat, p.genutzt, p.moeglich, p.prozent, p.beitritte])).toEqual([
      ['2020-05', 24, 24, 100, []],
      ['2020-06', 24, 36, 66.7, ['D']],
      ['2020-07', 24, 36, 66.7, []],
      ['2020-08', 33, 36, 91.7, []],
    ]);
  });
});
