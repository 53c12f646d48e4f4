import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/verbund.seed.ts';
import {
  axeViolations,
  type BrowserTestbed,
  login as loginForm,
  startBrowserTestbed,
  stopBrowserTestbed,
} from '../support/browser.ts';
import type { TestContext } from '../support/context.ts';

let t: TestContext;
let browser: Browser;
let server: BrowserTestbed['server'];

beforeAll(async () => {
  ({ t, browser, server } = await startBrowserTestbed());
});
afterAll(() => stopBrowserTestbed({ t, browser, server }));

async function login(page: Page, tenant: string, user: string) {
  await loginForm(page, server.url, tenant, user, DEMO_PASSWORD);
}

describe('staff UI in Debian Chromium', () => {
  it('the login page is German, KERN-styled and has no axe violations', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/anmelden`);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.title()).toContain('Anmelden');
    const kernLoaded = await page.evaluate(() =>
      [...document.styleSheets].some(
        (s) => s.href?.includes('/assets/kern/kern.min.css') && s.cssRules.length > 100,
      ),
    );
    expect(kernLoaded).toBe(true);
    const appCssLoaded = await page.evaluate(() =>
      [...document.styleSheets].some((s) => s.href?.endsWith('/assets/app/app.css') && s.cssRules.length > 5),
    );
    expect(appCssLoaded).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('wrong credentials show an error summary linked to the field, without axe violations', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/anmelden`);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' });
    await expect(summary.isVisible()).resolves.toBe(true);
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#tenant');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a case worker of Nordhausen logs in, sees the start page of their county and the module navigation', async () => {
    const page = await browser.newPage();
    await login(page, 'nordhausen', 'sachbearbeitung');
    await page.waitForURL(`${server.url}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Guten Tag');
    expect(await page.textContent('body')).toContain('Landkreis Nordhausen · Kreisschlüssel 16062');
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    for (const label of ['E-Akte', 'Postkorb', 'Onlinedienste', 'Gremien', 'Verbund'])
      expect(await nav.textContent()).toContain(label);
    expect(await nav.textContent()).not.toContain('Verwaltung');
    expect(await axeViolations(page)).toEqual([]);

    await nav.getByRole('link', { name: 'Verbund' }).click();
    await page.waitForURL(`${server.url}/verbund`);
    expect(await page.textContent('main')).toContain('KT/103/2020');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(/\/anmelden/);
    expect(await page.textContent('main')).toContain('Sie wurden abgemeldet.');
    await page.goto(`${server.url}/`);
    expect(page.url()).toContain('/anmelden');
    await page.close();
  });

  it('a kreis-admin sees users and the audit chain, and can have it verified', async () => {
    const page = await browser.newPage();
    await login(page, 'wartburgkreis', 'admin');
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Verwaltung' })
      .click();
    expect(await page.textContent('main')).toContain('sachbearbeitung');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Prüfkette jetzt nachrechnen' }).click();
    expect(await page.textContent('main')).toMatch(/Prüfkette intakt: \d+ Ereignisse nachgerechnet/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a case worker who opens the admin page gets a German 403 page', async () => {
    const page = await browser.newPage();
    await login(page, 'kyffhaeuserkreis', 'lesen');
    const response = await page.goto(`${server.url}/verwaltung`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('main')).toContain('Dazu fehlt Ihnen die Berechtigung.');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
