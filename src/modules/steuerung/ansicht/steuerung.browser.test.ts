import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type BrowserTestbed,
  login,
  startBrowserTestbed,
  stopBrowserTestbed,
} from '../../../../test/support/browser.ts';
import type { TestContext } from '../../../../test/support/context.ts';
import { steuerungTestdaten } from '../../../../test/support/steuerung.ts';
import { DEMO_PASSWORD } from '../../../demo/verbund.seed.ts';

let t: TestContext;
let browser: Browser;
let server: BrowserTestbed['server'];

beforeAll(async () => {
  ({ t, browser, server } = await startBrowserTestbed());
  await steuerungTestdaten(t);
});
afterAll(() => stopBrowserTestbed({ t, browser, server }));

/** Opens every data table below the charts, so axe checks them too. */
async function alleTabellenOeffnen(page: Page) {
  for (const summary of await page.locator('details.vb-diagramm__daten > summary').all())
    await summary.click();
}

// The charts are SVG drawn on the server and the data tables plain <details>: nothing here needs
// JavaScript. axe itself does (in a context without JavaScript it never returns), so these flows
// run with JavaScript on; the last test reads the same page with JavaScript off.
describe('the Steuerung in Debian Chromium', () => {
  it('the Serviceteam reaches Steuerung from the navigation, sees the charts with their tables and downloads a table – 0 axe violations', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await login(page, server.url, 'unstrut-hainich-kreis', 'serviceteam', DEMO_PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Steuerung' })
      .click();
    await page.waitForURL(`${server.url}/steuerung`);
    await page.getByLabel('Jahr').fill('2020');
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    await page.waitForURL(`${server.url}/steuerung?jahr=2020`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Steuerung 2020');
    expect(await page.getByRole('img', { name: 'Anträge je Monat 2020' }).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: 'Bearbeitungszeit 2020: Verbund gesamt' }).isVisible()).toBe(
      true,
    );
    await alleTabellenOeffnen(page);
    const tabelle = page.getByRole('table', { name: 'Anträge je Monat 2020' });
    expect(await tabelle.getByRole('row', { name: /2020-03/ }).textContent()).toContain('5');
    expect(await axeViolations(page)).toEqual([]);
    const href = await page.getByRole('link', { name: 'CSV – Anträge je Monat 2020' }).getAttribute('href');
    const csv = await page.request.get(`${server.url}${href}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n')).toContain('2020-03;3;2;5');
    await context.close();
  });

  it('a case worker of Nordhausen sees the own county and the Verbund totals – 0 axe violations', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await login(page, server.url, 'nordhausen', 'sachbearbeitung', DEMO_PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/steuerung?jahr=2020`);
    expect(await page.getByText('Ihre Zahlen und die Summen des Verbunds').isVisible()).toBe(true);
    const nordhausen = page.getByRole('img', { name: 'Bearbeitungszeit 2020: Landkreis Nordhausen' });
    expect(await nordhausen.isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: /Bearbeitungszeit.*Wartburgkreis/ }).count()).toBe(0);
    await alleTabellenOeffnen(page);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('without JavaScript the same page shows every chart with its data table', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, server.url, 'unstrut-hainich-kreis', 'serviceteam', DEMO_PASSWORD);
    await page.goto(`${server.url}/steuerung?jahr=2020`);
    const charts = await page.locator('svg[role="img"]').count();
    expect(charts).toBeGreaterThan(5);
    expect(await page.locator('details.vb-diagramm__daten table').count()).toBe(charts);
    expect(await page.getByRole('img', { name: 'Anträge je Monat 2020' }).isVisible()).toBe(true);
    await context.close();
  });
});
