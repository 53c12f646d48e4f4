import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context.ts';
import { seedDemoFoerdermittel, seedDemoReifegrad } from './foerdermittel.seed.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('demo Fördermittel and Reifegrad', () => {
  it('seeds the Unstrut-Hainich-Kreis grant of 143,000 € until 31.12.2020 with sample expenses and receipts', async () => {
    const start = performance.now();
    const { bewilligungId } = await seedDemoFoerdermittel({
      database: t.services.database,
      blobs: t.services.blobs,
    });
    expect(performance.now() - start).toBeLessThan(5000);
    const token = await t.tokenFor('unstrut-hainich-kreis', ['lesen']);
    const b = await t.request(`/api/v1/steuerung/foerdermittel/${bewilligungId}`, { token });
    expect(b.json).toMatchObject({
      programm: 'Thüringer Förderrichtlinie für E-Government und IT',
      zuwendungsfaehig: 143000,
      bis: '2020-12-31',
      beispiel: true,
      summe: { ausgaben: 140850, imZeitraum: 140400, ueberschreitung: 0 },
      hinweise: { ausserhalbZeitraum: 1, ueberBetrag: 0, belegFehlt: 1 },
    });
    const personal = b.json.ausgaben.filter((a: { kategorie: string }) => a.kategorie === 'personal');
    expect(personal).toHaveLength(12);
    expect(b.json.ausgaben.every((a: { beispiel: boolean }) => a.beispiel)).toBe(true);
    expect(b.json.ausgaben[0].belegTitel).toContain('Beleg');
    const { rows } = await t.superuser.query(
      `select bereich from steuerung_beispieldaten where bereich = 'foerdermittel'`,
    );
    expect(rows).toHaveLength(1);
  });

  it('records Reifegrad criteria for every county so that the levels differ', async () => {
    await seedDemoReifegrad({ database: t.services.database });
    const token = await t.tokenFor('unstrut-hainich-kreis', ['verbund-admin']);
    const v = await t.request('/api/v1/steuerung/reifegrad/verbund', { token });
    const kreise = v.json.landkreise.filter((l: { tenantId: string }) => !l.tenantId.startsWith('*'));
    expect(kreise).toHaveLength(4);
    for (const k of kreise) expect(k.gesamt).toBeGreaterThan(0);
    expect(new Set(kreise.map((k: { jeStufe: number[] }) => k.jeStufe.join())).size).toBeGreaterThan(1);
  });
});
