import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type BrowserTestbed,
  startBrowserTestbed,
  stopBrowserTestbed,
} from '../../../../../test/support/browser.ts';
import { angemeldeteSeite } from '../../../../../test/support/browser-sitzung.ts';

let bed: BrowserTestbed;
beforeAll(async () => {
  bed = await startBrowserTestbed();
}, 120_000);
afterAll(() => stopBrowserTestbed(bed));

const gilt = (page: import('playwright-core').Page, kriterium: string) =>
  page.locator('table tr', { hasText: kriterium }).first().textContent();

describe('the Reifegrad pages in Debian Chromium', () => {
  it('the Kreis-Administration reaches the Reifegrad from the Steuerung and records a criterion with htmx – 0 axe violations', {
    timeout: 120_000,
  }, async () => {
    const { context, page, url } = await angemeldeteSeite(bed, {
      tenant: 'nordhausen',
      user: 'admin',
      ziel: '/steuerung',
    });
    await page.getByRole('link', { name: 'OZG-Reifegrad: Kriterien je Leistung' }).click();
    await page.waitForURL(`${url}/steuerung/reifegrad`);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('a[href="/steuerung/reifegrad/wohngeld"]').click();
    await page.waitForURL(`${url}/steuerung/reifegrad/wohngeld`);
    expect(await axeViolations(page)).toEqual([]);

    // A wrong value cannot be chosen in the select; htmx swaps the refused form in place (200).
    await page.getByLabel('3. Nutzerkonto').selectOption('4');
    await page.getByLabel('5. Bezahlprozess').selectOption('entfaellt');
    await page.getByRole('button', { name: 'Kriterien speichern' }).click();
    await page.locator('.kern-alert', { hasText: 'Kriterien gespeichert' }).waitFor();
    // htmx: the part was swapped, the address stays
    expect(page.url()).toBe(`${url}/steuerung/reifegrad/wohngeld`);
    expect(await gilt(page, 'Nutzerkonto')).toContain('erfasst');
    expect(await gilt(page, 'Bezahlprozess')).toContain('entfällt');
    expect(await page.getByLabel('3. Nutzerkonto').inputValue()).toBe('4');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('without JavaScript the same form posts, redirects and shows the recorded criterion', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await angemeldeteSeite(bed, {
      tenant: 'wartburgkreis',
      user: 'admin',
      ziel: '/steuerung/reifegrad/wohngeld',
      javaScript: false,
    });
    await page.getByLabel('4. Authentifizierung').selectOption('2');
    await page.getByLabel('Reifegrad nach Modell 2.0 (0–7, nur erfasst)').selectOption('3');
    await page.getByRole('button', { name: 'Kriterien speichern' }).click();
    await page.waitForURL(/\/steuerung\/reifegrad\/wohngeld\?ok=/);
    expect(await page.locator('.kern-alert').first().textContent()).toContain('Kriterien gespeichert');
    expect(await gilt(page, 'Authentifizierung')).toContain('2 Formular-Assistent');
    // Nordhausen's recording above is not the Wartburgkreis'
    expect(await gilt(page, 'Nutzerkonto')).not.toContain('erfasst');
    await context.close();
  });
});
