import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
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
import { drainJobs } from '../../../../test/support/jobs.ts';
import { DEMO_PASSWORD } from '../../../demo/verbund.seed.ts';

let t: TestContext;
let browser: Browser;
let server: BrowserTestbed['server'];
let dokumentId: string;

beforeAll(async () => {
  ({ t, browser, server } = await startBrowserTestbed());
  const root = path.join(t.config.intake.importRoot, 'kyffhaeuserkreis', 'altakten');
  await mkdir(root, { recursive: true });
  for (let i = 0; i < 5; i++) await writeFile(path.join(root, `vermerk-${i}.txt`), `Vermerk Nummer ${i}`);
  const token = await t.tokenFor('kyffhaeuserkreis', ['sachbearbeitung']);
  const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Eingänge', aktenplan: '00.20' } });
  const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token,
    json: { betreff: 'Post' },
  });
  const form = new FormData();
  const brief =
    'Kreisverwaltung Kyffhäuserkreis\nSondershausen, den 24. Juni 2020\nBetreff: Drucksache KT/103/2020';
  form.set('datei', new Blob([brief], { type: 'text/plain' }), 'brief.txt');
  dokumentId = (await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: form })).json
    .id;
  await drainJobs(t);
});
afterAll(() => stopBrowserTestbed({ t, browser, server }));

let checker: Page | undefined;
/**
 * axe needs JavaScript: the HTML of the page without JavaScript is checked in a page of the same
 * origin with JavaScript (as the council's browser test does).
 */
async function expectNoAxe(page: Page) {
  if (!checker) {
    checker = await (await browser.newContext()).newPage();
    await checker.goto(`${server.url}/anmelden`);
  }
  await checker.setContent(await page.content(), { waitUntil: 'load' });
  expect(await axeViolations(checker)).toEqual([]);
}

describe('the Posteingang in Debian Chromium', () => {
  it('an administrator works the intake without JavaScript: folder, import with progress, e-mail, and a suggestion taken over – 0 axe violations on five pages', {
    // 42–76 s at a load of 10–23 on 2 cores (five axe runs of several seconds each).
    timeout: 150_000,
  }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await login(page, server.url, 'kyffhaeuserkreis', 'admin', DEMO_PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Posteingang' })
      .click();
    await page.waitForURL(`${server.url}/posteingang`);
    expect(await page.textContent('main')).toContain('Upload');
    await expectNoAxe(page);

    const sub = page.getByRole('navigation', { name: 'Posteingang' });
    await sub.getByRole('link', { name: 'Eingangsordner' }).click();
    await page.getByLabel('Pfad').fill('../fremd');
    await page.getByRole('button', { name: 'Einrichten' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Name: Bitte geben Sie einen Namen an');
    await expectNoAxe(page);
    await page.getByLabel('Name', { exact: true }).fill('Poststelle');
    await page.getByLabel('Pfad').fill('poststelle');
    await page.getByRole('button', { name: 'Einrichten' }).click();
    await page.waitForURL(/\/posteingang\/ordner\/[0-9a-f-]{36}/);
    expect(await page.textContent('main')).toContain('Eingangsordner „Poststelle“ eingerichtet.');
    expect(await page.textContent('main')).toContain('Der Fehlerordner ist leer.');

    await sub.getByRole('link', { name: 'Massenimport' }).click();
    await page.getByLabel('Ordner').fill('altakten');
    await page.getByRole('button', { name: 'Import starten' }).click();
    await page.waitForURL(/\/posteingang\/importe\/[0-9a-f-]{36}/);
    expect(await page.textContent('main')).toContain('0 von 5 Dateien verarbeitet');
    await drainJobs(t);
    await page.getByRole('link', { name: 'Stand aktualisieren' }).click();
    expect(await page.textContent('main')).toContain('5 von 5 Dateien verarbeitet (100 %)');
    expect(await page.locator('progress').getAttribute('value')).toBe('5');
    await expectNoAxe(page);

    await sub.getByRole('link', { name: 'E-Mail-Eingang' }).click();
    await page.getByLabel('Adresse', { exact: true }).fill('poststelle@kyffhaeuserkreis.example');
    await page.getByLabel('Name', { exact: true }).fill('Poststelle');
    await page.getByRole('button', { name: 'Einrichten' }).click();
    await page.waitForURL(/\/posteingang\/mail\/[0-9a-f-]{36}/);
    await expectNoAxe(page);

    await page.goto(`${server.url}/dokumente/${dokumentId}`);
    expect(await page.textContent('main')).toContain('Metadaten aus dem Text');
    await expectNoAxe(page);
    await page.getByRole('button', { name: /Übernehmen\s*: Drucksache KT\/103\/2020/ }).click();
    expect(await page.textContent('main')).toContain('Übernommen: Drucksache „KT/103/2020“.');
    expect(await page.textContent('main')).toMatch(/Drucksache\s*KT\/103\/2020/);
    await context.close();
  });

  it('a case worker moves a misfiled letter into the suggested Vorgang without JavaScript – 0 axe violations on the page with the button', {
    timeout: 90_000,
  }, async () => {
    const token = await t.tokenFor('kyffhaeuserkreis', ['sachbearbeitung']);
    const akte = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Bauanträge', aktenplan: '00.20' },
    });
    const ziel = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'Bauvoranfrage Gewerbehalle – Krause, Artern', externeReferenz: '07.10-0031/2026' },
    });
    await t.services.ablagevorschlaege.learn('kyffhaeuserkreis');
    const post = (await t.request(`/api/v1/dokumente/${dokumentId}`, { token })).json.vorgangId;
    const brief =
      'Ihr Zeichen: 07.10-0031/2026\nBetreff: Bauvoranfrage Gewerbehalle\nAnbei der Lageplan. Krause';
    const form = new FormData();
    form.set('datei', new Blob([brief], { type: 'text/plain' }), 'lageplan.txt');
    const misfiled = (await t.request(`/api/v1/vorgaenge/${post}/dokumente`, { token, body: form })).json.id;
    await drainJobs(t);
    await t.services.ablagevorschlaege.suggest({ tenantId: 'kyffhaeuserkreis', text: brief });
    await t.services.ablagevorschlaege.cache.settled();

    const context = await browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await login(page, server.url, 'kyffhaeuserkreis', 'sachbearbeitung', DEMO_PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/dokumente/${misfiled}`);
    expect(await page.textContent('main')).toContain('Bauvoranfrage Gewerbehalle – Krause, Artern');
    await expectNoAxe(page);
    await page.getByRole('button', { name: /In vorgeschlagenen Vorgang verschieben/ }).click();
    expect(await page.textContent('main')).toContain(
      `In den Vorgang „Bauvoranfrage Gewerbehalle – Krause, Artern“ (${akte.json.aktenzeichen}) verschoben.`,
    );
    expect((await t.request(`/api/v1/dokumente/${misfiled}`, { token })).json.vorgangId).toBe(ziel.json.id);
    await context.close();
  });
});
