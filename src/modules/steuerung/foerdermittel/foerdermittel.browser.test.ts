import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type BrowserTestbed,
  startBrowserTestbed,
  stopBrowserTestbed,
} from '../../../../test/support/browser.ts';
import { angemeldeteSeite } from '../../../../test/support/browser-sitzung.ts';

// Sample data: the grant and expense below are invented for this test (Beispieldaten).
let bed: BrowserTestbed;
beforeAll(async () => {
  bed = await startBrowserTestbed();
}, 120_000);
afterAll(() => stopBrowserTestbed(bed));

describe('the Fördermittel pages in Debian Chromium', () => {
  it('the Kreis-Administration reaches Fördermittel from the Steuerung, records a Bewilligung and an expense, writes the Sachbericht and deletes the expense after a confirmation in plain forms – 0 axe violations', {
    timeout: 120_000,
  }, async () => {
    // The pages have no script; axe itself needs JavaScript in the page.
    const { context, page, url } = await angemeldeteSeite(bed, {
      tenant: 'nordhausen',
      user: 'admin',
      ziel: '/steuerung',
    });
    await page.getByRole('link', { name: 'Fördermittel: Bewilligungen und Ausgaben' }).click();
    await page.waitForURL(`${url}/steuerung/foerdermittel`);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Zuwendungsgeber').fill('Freistaat Thüringen');
    await page.getByLabel('Förderprogramm').fill('E-Government (Beispieldaten)');
    await page.getByLabel('Aktenzeichen des Bescheids').fill('EG-2020-1');
    await page.getByLabel('Zuwendungszweck').fill('E-Akte');
    await page.getByLabel('Fördersatz in %').fill('90');
    await page.getByLabel('Zuwendungsfähige Ausgaben in €').fill('viel');
    await page.getByLabel('Bewilligungszeitraum von').fill('2020-01-01');
    await page.getByLabel('Bewilligungszeitraum bis').fill('2020-12-31');
    await page.getByRole('button', { name: 'Bewilligung anlegen' }).click();
    // The refused field: German text beside it, the typed values kept – and accessible.
    expect(await page.locator('#zuwendungsfaehig-error').textContent()).toContain('Bitte eine Zahl angeben');
    expect(await page.getByLabel('Aktenzeichen des Bescheids').inputValue()).toBe('EG-2020-1');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Zuwendungsfähige Ausgaben in €').fill('10.000');
    await page.getByRole('button', { name: 'Bewilligung anlegen' }).click();
    await page.waitForURL(/\/steuerung\/foerdermittel\/[0-9a-f-]{36}\?ok=/);
    expect(await page.locator('.kern-alert').first().textContent()).toContain(
      'Bewilligung EG-2020-1 angelegt.',
    );

    await page.getByLabel('Datum der Zahlung').fill('2021-03-01');
    await page.getByLabel('Betrag in €').fill('250,50');
    await page.getByLabel('Kategorie').selectOption('investition');
    await page.getByLabel('Beschreibung').fill('Scanner');
    await page.getByRole('button', { name: 'Ausgabe erfassen' }).click();
    await page.waitForURL(/ok=/);
    const zeile = page.locator('table tbody tr').first();
    expect(await zeile.textContent()).toContain('250,50');
    expect(await zeile.textContent()).toContain('außerhalb des Bewilligungszeitraums; Beleg fehlt');
    expect(await axeViolations(page)).toEqual([]);

    // The Sachbericht and deleting the expense: plain forms, a confirmation page before the delete.
    await page.getByLabel('Sachbericht bearbeiten').fill('E-Akte eingeführt (Beispieldaten).');
    await page.getByRole('button', { name: 'Sachbericht speichern' }).click();
    await page.waitForURL(/ok=Sachbericht/);
    expect(await page.locator('#sachbericht-text').textContent()).toContain('E-Akte eingeführt');
    await page.getByRole('link', { name: /Ausgabe vom 01\.03\.2021 über 250,50\s€ löschen/ }).click();
    await page.waitForURL(/\/loeschen$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ausgabe löschen?');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ausgabe löschen' }).click();
    await page.waitForURL(/ok=/);
    expect(await page.locator('.kern-alert').first().textContent()).toContain('gelöscht.');
    expect(await page.getByText('Noch keine Ausgabe erfasst.').count()).toBe(1);
    await context.close();
  });
});
