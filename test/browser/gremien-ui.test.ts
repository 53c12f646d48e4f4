import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/verbund.seed.ts';
import { seedKreistag } from '../../src/modules/gremien/ui/gremien-ui.fixture.ts';
import {
  axeViolations,
  type BrowserTestbed,
  login,
  startBrowserTestbed,
  stopBrowserTestbed,
} from '../support/browser.ts';
import type { TestContext } from '../support/context.ts';

const KREIS = 'unstrut-hainich-kreis';
let t: TestContext;
let browser: Browser;
let server: BrowserTestbed['server'];
let checker: Page | undefined;

beforeAll(async () => {
  ({ t, browser, server } = await startBrowserTestbed());
});
afterAll(() => stopBrowserTestbed({ t, browser, server }));

/**
 * axe needs JavaScript: a page of the JavaScript-less part is checked as the server sent it, in a
 * JavaScript-enabled page of the same origin.
 */
async function expectNoAxe(page: Page, { noScript = false } = {}) {
  if (!noScript) return expect(await axeViolations(page)).toEqual([]);
  if (!checker) {
    checker = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    await checker.goto(`${server.url}/anmelden`);
  }
  await checker.setContent(await page.content(), { waitUntil: 'load' });
  expect(await axeViolations(checker)).toEqual([]);
}

async function signedIn(user: string): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ locale: 'de-DE' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await login(page, server.url, KREIS, user, DEMO_PASSWORD);
  await page.waitForURL(`${server.url}/`);
  return [context, page];
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const agenda = async (page: Page) =>
  (await page.locator('#tagesordnung tbody tr td:nth-child(2)').allTextContents()).map((s) => s.trim());

describe('Gremien staff UI in Debian Chromium', () => {
  it('a Vorlage is written, released by the Leitung, put on an agenda reordered without JavaScript, attended, voted and followed up', {
    timeout: 150_000,
  }, async () => {
    const { gremium, personen } = await seedKreistag(t, KREIS);
    const [sbContext, sb] = await signedIn('sachbearbeitung');

    // Gremien overview and the Kreistag with its members.
    await sb
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Gremien' })
      .click();
    await h1(sb, 'Gremien');
    await expectNoAxe(sb);
    await sb.getByRole('link', { name: gremium.name }).click();
    await h1(sb, gremium.name);
    expect(await sb.locator('main').textContent()).toContain('Beispiel Albrecht');
    await expectNoAxe(sb);

    // The Vorlage editor: a missing Betreff is shown at the field, then the Vorlage is created.
    await sb
      .getByRole('navigation', { name: 'Gremien und Sitzungen' })
      .getByRole('link', { name: 'Vorlagen' })
      .click();
    await h1(sb, 'Vorlagen');
    await sb.getByRole('link', { name: 'Neue Vorlage' }).click();
    await h1(sb, 'Neue Vorlage');
    await expectNoAxe(sb);
    await sb.getByRole('button', { name: 'Vorlage anlegen' }).click();
    await sb.locator('#betreff-error').waitFor();
    expect(await sb.locator('#betreff-error').textContent()).toContain('Bitte geben Sie den Betreff an');
    await expectNoAxe(sb);
    await sb.getByLabel('Betreff').fill('7. Änderung der Zweckvereinbarung (Browsertest)');
    await sb.getByLabel('Einreichung').fill('2020-05-27');
    await sb
      .getByLabel('Beschlussvorschlag')
      .fill('Der Kreistag möge beschließen: Der Änderung wird zugestimmt.');
    await sb.getByLabel('1. Gremium').selectOption(gremium.id);
    await sb.getByLabel('1. Datum der Beratung').fill('2024-06-20');
    await sb.getByRole('button', { name: 'Vorlage anlegen' }).click();
    await h1(sb, /^Vorlage /);
    await sb.getByText('Freigeben darf nur die Leitung').waitFor();
    expect(await sb.getByRole('button', { name: 'Freigeben' }).count()).toBe(0);
    await expectNoAxe(sb);
    const vorlageUrl = sb.url().split('?')[0]!;
    const vorlageId = vorlageUrl.split('/').at(-1)!;

    // The Leitung releases it.
    const [leitungContext, leitung] = await signedIn('leitung');
    await leitung.goto(vorlageUrl);
    await leitung.getByRole('button', { name: 'Freigeben' }).click();
    await leitung.getByText(/freigegeben\.$/).waitFor();
    await expectNoAxe(leitung);
    await leitungContext.close();

    // Without JavaScript: a session, three agenda items, one moved up.
    const plain = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await sbContext.storageState(),
    });
    plain.setDefaultTimeout(20_000);
    const noJs = await plain.newPage();
    await noJs.goto(`${server.url}/sitzungen`);
    await noJs.getByLabel('Gremium', { exact: true }).last().selectOption(gremium.id);
    await noJs.getByLabel('Datum').fill('2024-06-20');
    await noJs.getByLabel('Beginn (Uhrzeit)').fill('17:00');
    await noJs.getByLabel('Ort').fill('Kreistagssaal (Beispieldaten)');
    await noJs.getByRole('button', { name: 'Sitzung anlegen' }).click();
    await h1(noJs, `1. Sitzung ${gremium.name}`);
    await expectNoAxe(noJs, { noScript: true });
    for (const [titel, vorlage] of [
      ['Eröffnung und Feststellung der Beschlussfähigkeit', ''],
      ['', vorlageId],
      ['Anfragen', ''],
    ]) {
      await noJs.getByLabel('Gegenstand').fill(titel!);
      await noJs.getByLabel('Vorlage').selectOption(vorlage!);
      await noJs.getByRole('button', { name: 'Punkt anfügen' }).click();
      await noJs.getByText('angefügt.').waitFor();
    }
    expect(await agenda(noJs)).toEqual([
      'Eröffnung und Feststellung der Beschlussfähigkeit',
      '7. Änderung der Zweckvereinbarung (Browsertest)',
      'Anfragen',
    ]);
    await noJs.getByRole('button', { name: 'nach oben: Ö 3 Anfragen' }).click();
    await noJs.getByText('Tagesordnung umgestellt.').waitFor();
    expect(await agenda(noJs)).toEqual([
      'Eröffnung und Feststellung der Beschlussfähigkeit',
      'Anfragen',
      '7. Änderung der Zweckvereinbarung (Browsertest)',
    ]);
    await noJs.getByRole('button', { name: 'Einladen' }).click();
    await noJs.getByText('Die Sitzung ist jetzt eingeladen.').waitFor();
    const sitzungUrl = noJs.url().split('?')[0]!;
    await plain.close();

    // With JavaScript (htmx swaps the agenda in place): move it back down.
    await sb.goto(sitzungUrl);
    await sb.getByRole('button', { name: 'nach unten: Ö 2 Anfragen' }).click();
    await expect
      .poll(() => agenda(sb))
      .toEqual([
        'Eröffnung und Feststellung der Beschlussfähigkeit',
        '7. Änderung der Zweckvereinbarung (Browsertest)',
        'Anfragen',
      ]);

    // The cockpit: attendance, a refused vote with the server's message, then the result.
    await sb.getByRole('link', { name: 'Sitzungscockpit: Anwesenheit und Abstimmungen' }).click();
    await h1(sb, /^Sitzungscockpit/);
    await sb.getByLabel(/Beispiel Albrecht/).check();
    await sb.getByLabel(/Beispiel Bauer/).check();
    await sb.getByRole('button', { name: 'Anwesenheit speichern' }).click();
    await sb.getByText('Anwesenheit gespeichert: 2 anwesend.').waitFor();
    await sb.getByText('2 von 3 Mitgliedern anwesend, davon 2 mit Stimmrecht.').waitFor();
    await expectNoAxe(sb);
    expect(personen).toHaveLength(3);
    const item = sb.getByRole('article').filter({ hasText: '7. Änderung der Zweckvereinbarung' });
    await item.getByLabel('Ergebnis').selectOption('beschlossen');
    await item.getByLabel('Ja').fill('2');
    await item.getByLabel('Nein').fill('1');
    await item.getByLabel('Enthaltungen').fill('0');
    await item.getByRole('button', { name: 'Ergebnis speichern' }).click();
    await sb.getByText('Das Ergebnis wurde nicht gespeichert').waitFor();
    const refusedItem = sb.getByRole('article').filter({ hasText: '7. Änderung der Zweckvereinbarung' });
    expect(await refusedItem.textContent()).toContain(
      'Ja, Nein und Enthaltungen (3) übersteigen die anwesenden Stimmberechtigten (2).',
    );
    await expectNoAxe(sb);
    await refusedItem.getByLabel('Nein').fill('0');
    await refusedItem.getByRole('button', { name: 'Ergebnis speichern' }).click();
    await sb.getByText('Ergebnis gespeichert: beschlossen.').waitFor();

    // The Beschlusskontrolle shows the resolution; its state is set to "erledigt".
    await sb
      .getByRole('navigation', { name: 'Gremien und Sitzungen' })
      .getByRole('link', { name: 'Beschlusskontrolle' })
      .click();
    await h1(sb, 'Beschlusskontrolle');
    const beschluss = sb.getByRole('article').filter({ hasText: '7. Änderung der Zweckvereinbarung' });
    expect(await beschluss.getByRole('heading').textContent()).toMatch(/^Beschluss KTUI\/001-02\/24: /);
    await expectNoAxe(sb);
    await beschluss.getByLabel('Beschlusstext').fill('Der 1. Änderung wird zugestimmt (Beispieldaten).');
    await beschluss.getByLabel('Umsetzungsstand').selectOption('erledigt');
    await beschluss.getByRole('button', { name: 'Speichern' }).click();
    await sb.getByText(/gespeichert \(erledigt\)\.$/).waitFor();
    await sb.getByLabel('Umsetzungsstand', { exact: true }).first().selectOption('erledigt');
    await sb.getByRole('button', { name: 'Filtern' }).click();
    await sb.getByText('Der 1. Änderung wird zugestimmt (Beispieldaten).').waitFor();
    await sbContext.close();
  });
});
