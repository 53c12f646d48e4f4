import { describe, expect, it } from 'vitest';
import {
  ableiten,
  istOnline,
  istOzgKonform,
  KRITERIEN,
  kriterienStand,
  type PlattformFakten,
  reifegrad,
  reifegradTabelle,
} from './reifegrad.models.ts';

const alle = (stufe: 0 | 1 | 2 | 3 | 4) =>
  Object.fromEntries(KRITERIEN.map((k) => [k.key, { stufe }])) as Parameters<
    typeof kriterienStand
  >[0]['erfasst'];

const fakten: PlattformFakten = {
  aktiv: true,
  mitBeschreibung: true,
  mitFormular: true,
  onlineAntraege: 3,
  antraegeMitNachweis: 1,
  digitaleBescheide: 1,
  statusNachrichten: 0,
};

describe('OZG Reifegrad from its criteria', () => {
  it('is the lowest level over the criteria: nine criteria at 4 and one at 2 give 2', () => {
    const stand = kriterienStand({ erfasst: { ...alle(4), bezahlung: { stufe: 2 } }, abgeleitet: {} });
    expect(reifegrad(stand)).toBe(2);
  });

  it('ignores a criterion that does not apply, but counts an open one as 0', () => {
    const ohneBezahlung = kriterienStand({
      erfasst: { ...alle(3), bezahlung: { entfaellt: true } },
      abgeleitet: {},
    });
    expect(reifegrad(ohneBezahlung)).toBe(3);
    const { bezahlung: _, ...neun } = alle(3);
    const offen = kriterienStand({ erfasst: neun, abgeleitet: {} });
    expect(offen.find((k) => k.key === 'bezahlung')?.quelle).toBe('offen');
    expect(reifegrad(offen)).toBe(0);
  });

  it('is online from level 2 and OZG-konform from level 3', () => {
    expect([0, 1, 2, 3, 4].map(istOnline)).toEqual([false, false, true, true, true]);
    expect([0, 1, 2, 3, 4].map(istOzgKonform)).toEqual([false, false, false, true, true]);
  });

  it('derives description, online Antrag, Nachweise and Bescheid from platform facts, nothing for an inactive Leistung', () => {
    expect(ableiten(fakten)).toEqual({
      leistungsbeschreibung: 1,
      antragsprozess: 3,
      nachweise: 3,
      bescheid: 3,
    });
    expect(ableiten({ ...fakten, mitFormular: false, digitaleBescheide: 0 })).toEqual({
      leistungsbeschreibung: 1,
    });
    expect(ableiten({ ...fakten, aktiv: false })).toEqual({});
  });

  it('lets a recorded criterion win over the derived one', () => {
    const stand = kriterienStand({
      erfasst: { ...alle(4), antragsprozess: { stufe: 2 } },
      abgeleitet: ableiten(fakten),
    });
    const antrag = stand.find((k) => k.key === 'antragsprozess');
    expect(antrag).toMatchObject({ quelle: 'erfasst', abgeleitet: 3, wirksam: { stufe: 2 } });
    expect(reifegrad(stand)).toBe(2);
  });

  it('reaches 3 from derived criteria plus the recorded rest', () => {
    const { antragsprozess: _a, leistungsbeschreibung: _l, nachweise: _n, bescheid: _b, ...rest } = alle(4);
    const stand = kriterienStand({
      erfasst: { ...rest, leistungsbeschreibung: { stufe: 4 } },
      abgeleitet: ableiten(fakten),
    });
    expect(stand.filter((k) => k.quelle === 'abgeleitet').map((k) => k.key)).toEqual([
      'antragsprozess',
      'nachweise',
      'bescheid',
    ]);
    expect(reifegrad(stand)).toBe(3);
  });

  it('builds the chart table per county with online and OZG-konform counts', () => {
    const tabelle = reifegradTabelle(
      [
        { tenantId: 'a', name: 'A' },
        { tenantId: 'b', name: 'B' },
      ],
      [
        { tenantId: 'a', stufe: 1, leistungen: 2 },
        { tenantId: 'a', stufe: 3, leistungen: 4 },
        { tenantId: 'a', stufe: 2, leistungen: 1 },
      ],
    );
    expect(tabelle[0]).toMatchObject({ jeStufe: [0, 2, 1, 4, 0], gesamt: 7, online: 5, ozgKonform: 4 });
    expect(tabelle[1]).toMatchObject({ jeStufe: [0, 0, 0, 0, 0], gesamt: 0 });
  });
});
