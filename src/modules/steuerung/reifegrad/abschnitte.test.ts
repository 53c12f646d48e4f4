import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { seedDemoFoerdermittel, seedDemoReifegrad } from '../../../demo/foerdermittel.seed.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await seedDemoFoerdermittel({ database: t.services.database, blobs: t.services.blobs });
  await seedDemoReifegrad({ database: t.services.database });
});
afterAll(() => t.close());

describe('Steuerung sections of Reifegrad and Fördermittel', () => {
  it('the Serviceteam sees services by Reifegrad for all four counties and the grant spending against the Bewilligung', async () => {
    const token = await t.tokenFor('unstrut-hainich-kreis', ['verbund-admin']);
    const antwort = await t.request('/api/v1/steuerung?jahr=2020', { token });
    expect(antwort.status).toBe(200);
    const abschnitt = (key: string) => antwort.json.abschnitte.find((a: { key: string }) => a.key === key);
    const reifegrad = abschnitt('reifegrad').kennzahlen[0].tabelle;
    expect(reifegrad.zeilen.map((z: unknown[]) => z[0])).toEqual([
      'Landkreis Nordhausen',
      'Wartburgkreis',
      'Unstrut-Hainich-Kreis',
      'Kyffhäuserkreis',
      'Verbund gesamt',
    ]);
    expect(reifegrad.hinweis).toContain('Beispieldaten');
    const grant = abschnitt('foerdermittel').kennzahlen[0].tabelle;
    expect(grant.zeilen[0]).toEqual(['Zuwendungsfähige Ausgaben (bewilligt)', 143000]);
    expect(grant.zeilen).toContainEqual(['Personalausgaben', 124800]);
    expect(grant.zeilen).toContainEqual(['davon im Bewilligungszeitraum', 140400]);
  });

  it('a county sees only its own Reifegrad row beside the Verbund total, and no grant of another county', async () => {
    const token = await t.tokenFor('nordhausen', ['kreis-admin']);
    const antwort = await t.request('/api/v1/steuerung?jahr=2020', { token });
    const abschnitt = (key: string) => antwort.json.abschnitte.find((a: { key: string }) => a.key === key);
    expect(abschnitt('reifegrad').kennzahlen[0].tabelle.zeilen.map((z: unknown[]) => z[0])).toEqual([
      'Landkreis Nordhausen',
      'Verbund gesamt',
    ]);
    expect(abschnitt('foerdermittel').kennzahlen).toEqual([]);
  });
});
