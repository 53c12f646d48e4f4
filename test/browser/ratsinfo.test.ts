import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KREIS, seedRatsinfo } from '../../src/modules/gremien/ratsinfo/ratsinfo.fixture.ts';
import {
  axeViolations,
  type BrowserTestbed,
  startBrowserTestbed,
  stopBrowserTestbed,
} from '../support/browser.ts';
import type { TestContext } from '../support/context.ts';

let t: TestContext;
let browser: Browser;
let server: BrowserTestbed['server'];
let seeded: Awaited<ReturnType<typeof seedRatsinfo>>;

beforeAll(async () => {
  ({ t, browser, server } = await startBrowserTestbed());
  seeded = await seedRatsinfo(t, 'NICHTOEFFENTLICH-TEST');
});
afterAll(() => stopBrowserTestbed({ t, browser, server }));

const heading = (page: Page, text: string) =>
  page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();

/** axe needs JavaScript: a page seen without it is checked as the same HTML in a page with it. */
async function expectNoAxe(page: Page, checker: Page) {
  await checker.setContent(await page.content(), { waitUntil: 'load' });
  expect(await axeViolations(checker)).toEqual([]);
}

describe('the public council pages in a browser', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`lead a visitor ${javaScriptEnabled ? 'with' : 'without'} JavaScript from the counties to a Vorlage, a Gremium and the search, without axe violations`, async () => {
      const context = await browser.newContext({ javaScriptEnabled, locale: 'de-DE' });
      context.setDefaultTimeout(8000);
      const page = await context.newPage();
      const checker = await (await browser.newContext({ locale: 'de-DE' })).newPage();
      await checker.goto(`${server.url}/ratsinfo`);
      const check = () => expectNoAxe(page, checker);

      await page.goto(`${server.url}/ratsinfo`);
      await heading(page, 'Ratsinformation der Landkreise');
      await check();
      await page.getByRole('link', { name: 'Unstrut-Hainich-Kreis' }).click();
      await page.waitForURL(`**/ratsinfo/${KREIS}/`);
      // The calendar opens at this month; the session of June 2020 is reached by the paging.
      await page.goto(`${server.url}/ratsinfo/${KREIS}/?monat=2020-07`);
      await heading(page, 'Sitzungskalender Juli 2020');
      await check();
      await page.getByRole('link', { name: 'Früher: Juni 2020' }).click();
      await heading(page, 'Sitzungskalender Juni 2020');
      await page.getByRole('link', { name: /1\. Sitzung/ }).click();
      await heading(page, 'Kreistag, 1. Sitzung');
      await check();
      await page.getByRole('row', { name: 'N 1 nichtöffentlich – –' }).waitFor();
      expect(await page.content()).not.toContain('NICHTOEFFENTLICH-TEST');

      await page.getByRole('link', { name: 'KT/103/2020' }).click();
      await heading(page, '1. Änderung der Zweckvereinbarung Interkommunales Serviceteam E-Government');
      await check();
      const download = context.waitForEvent('download');
      await page.getByRole('link', { name: 'Zweckvereinbarung in der Fassung der 1. Änderung' }).click();
      expect((await download).suggestedFilename()).toBe('Zweckvereinbarung Änderung.txt');

      await page.getByRole('link', { name: 'Kreistag', exact: true }).first().click();
      await heading(page, 'Kreistag');
      await check();
      await page.getByRole('link', { name: /Wahlperiode 2014–2019/ }).click();
      await page.getByRole('cell', { name: 'Dieter Vogt' }).waitFor();

      await page.getByRole('link', { name: 'Vorlagen suchen' }).click();
      await heading(page, 'Vorlagen suchen');
      await page.getByLabel('Suchbegriff oder Drucksachen-Nr.').fill('Zweckvereinbarungen');
      await page.getByRole('button', { name: 'Suchen' }).click();
      await page.getByRole('heading', { name: '1 Vorlage gefunden' }).waitFor();
      await check();
      await page.getByRole('link', { name: /KT\/103\/2020/ }).waitFor();

      await page.goto(`${server.url}/ratsinfo/${KREIS}/gremien`);
      await heading(page, 'Gremien');
      await check();
      await page.goto(`${server.url}/ratsinfo/${KREIS}/vorlagen/${seeded.geheim.id}`);
      await heading(page, 'Nicht gefunden');
      await check();
      await context.close();
      await checker.context().close();
    }, 90_000);
  }
});
