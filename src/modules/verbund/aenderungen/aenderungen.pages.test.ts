import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type BrowserTestbed,
  login,
  startBrowserTestbed,
  stopBrowserTestbed,
} from '../../../../test/support/browser.ts';

// Sample data: the amendment below is invented for this test.
let bed: BrowserTestbed;
let id: string;
beforeAll(async () => {
  bed = await startBrowserTestbed();
  const token = await bed.t.tokenFor('unstrut-hainich-kreis', ['verbund-admin', 'kreis-admin']);
  const created = await bed.t.request('/api/v1/verbund/aenderungen', {
    method: 'POST',
    token,
    json: {
      titel: '2. Änderung der Zweckvereinbarung (Kostenschlüssel)',
      wortlaut: '§ 9 Kosten: nach Einwohnern. (Beispieldaten)',
      kostenschluessel: {
        nordhausen: 22.5,
        kyffhaeuserkreis: 17.5,
        'unstrut-hainich-kreis': 27,
        wartburgkreis: 33,
      },
    },
  });
  expect(created.status).toBe(201);
  id = created.json.aenderung.id;
}, 120_000);
afterAll(() => stopBrowserTestbed(bed));

describe('the Verbund view of an amendment in a browser', () => {
  it('lists the amendment and shows each county’s state, with 0 axe violations on both pages', async () => {
    const page = await bed.browser.newPage();
    await login(page, bed.server.url, 'unstrut-hainich-kreis', 'serviceteam', 'verbund-demo-2020');
    await page.goto(`${bed.server.url}/verbund`);
    await page.getByRole('link', { name: /Verfahren der Änderungen/ }).click();
    await page.waitForURL(`${bed.server.url}/verbund/aenderungen`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '2. Änderung der Zweckvereinbarung (Kostenschlüssel)' }).click();
    await page.waitForURL(`${bed.server.url}/verbund/aenderungen/${id}`);
    const rows = page.locator('table').first().locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await page.locator('table').first().textContent()).toContain('Wartburgkreis');
    expect(await page.textContent('body')).toContain('22,5 %');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
