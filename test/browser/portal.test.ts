import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/verbund.seed.ts';
import {
  axeViolations,
  type BrowserTestbed,
  login,
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

/** Waits for the page's h1 to be exactly `text`. */
const heading = (page: Page, text: string) =>
  page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
const shown = (locator: ReturnType<Page['getByText']>) => locator.first().waitFor({ state: 'visible' });
/**
 * axe needs JavaScript. For pages of a JavaScript-less journey the same HTML (as the server sent
 * it, after every POST) is checked in a JavaScript-enabled page of the same origin.
 */
let checker: Page | undefined;
const expectNoAxe = async (page: Page) => {
  if (!noScript.has(page)) return expect(await axeViolations(page)).toEqual([]);
  if (!checker) {
    checker = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    await checker.goto(`${server.url}/portal`);
  }
  await checker.setContent(await page.content(), { waitUntil: 'load' });
  expect(await axeViolations(checker)).toEqual([]);
};
const noScript = new WeakSet<Page>();
const person = {
  Familienname: 'Schütz',
  Vorname: 'Sabine',
  Geburtsdatum: '05.05.1975',
  'Straße und Hausnummer': 'Steinweg 3',
  Postleitzahl: '99974',
  Ort: 'Mühlhausen',
  'E-Mail': 'sabine@example.org',
};

async function newPage(options: { javaScriptEnabled: boolean }): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ ...options, locale: 'de-DE', acceptDownloads: true });
  context.setDefaultTimeout(8000);
  const page = await context.newPage();
  if (!options.javaScriptEnabled) noScript.add(page);
  return [context, page];
}

/** The journey of a citizen: find the service, route by municipality, fill, check, send, track. */
async function applyForWaffenbesitzkarte(page: Page) {
  await page.goto(`${server.url}/portal`);
  await expectNoAxe(page);
  await page.getByLabel('Was möchten Sie erledigen?').fill('Waffe');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await page.getByRole('link', { name: 'Waffenbesitzkarte beantragen' }).click();
  await heading(page, 'Waffenbesitzkarte beantragen');
  await expectNoAxe(page);
  await page.getByLabel('Gemeinde oder Postleitzahl').fill('Mühlhausen');
  await page.getByRole('button', { name: 'Zuständigkeit finden' }).click();
  await shown(page.getByText('zuständig: Unstrut-Hainich-Kreis'));
  await expectNoAxe(page);
  await page.getByRole('button', { name: 'Antrag starten' }).click();

  // Page 1: sending it empty shows the error summary, linked to the fields.
  await heading(page, 'Angaben zur antragstellenden Person');
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  const summary = page.getByRole('alert');
  expect(await summary.textContent()).toContain('Bitte geben Sie „Familienname“ an.');
  await expectNoAxe(page);
  await summary.getByRole('link', { name: 'Bitte geben Sie „Familienname“ an.' }).click();
  expect(page.url()).toContain('#f-V-G-PERSON_V-F-FAMILIENNAME');
  for (const [label, value] of Object.entries(person))
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();

  // Page 2: a choice and an attachment.
  await shown(page.getByText('Schritt 2 von 3'));
  await page.getByLabel('Sportschießen').check();
  await page.getByLabel('Sachkundenachweis').setInputFiles({
    name: 'sachkunde.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% Sachkunde\n'),
  });
  await expectNoAxe(page);
  await page.getByRole('button', { name: 'Weiter zur Zusammenfassung' }).click();

  await heading(page, 'Bitte prüfen Sie Ihre Angaben');
  await shown(page.getByText('Sportschießen'));
  await shown(page.getByText('sachkunde.pdf'));
  await expectNoAxe(page);
  await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();

  await heading(page, 'Eingangsbestätigung');
  await expectNoAxe(page);
  const code = (await page.locator('.vb-code').textContent())!.trim();
  expect(code).toMatch(/^16064-/);
  return code;
}

describe('Bürgerportal in Debian Chromium', () => {
  it('a citizen applies without JavaScript; the right county – and only it – gets the Vorgang', {
    timeout: 90_000,
  }, async () => {
    const [context, page] = await newPage({ javaScriptEnabled: false });
    const code = await applyForWaffenbesitzkarte(page);
    const antrag = await t.services.ozg.antraege.track(code);
    expect(antrag.zustaendig.id).toBe('unstrut-hainich-kreis');
    const uhk = await t.tokenFor('unstrut-hainich-kreis', ['sachbearbeitung']);
    const vorgang = await t.request(`/api/v1/vorgaenge/${antrag.vorgangId}`, { token: uhk });
    expect(vorgang.status).toBe(200);
    expect(vorgang.json.zustaendigOe).toContain('Ordnungsamt');
    // It lands in the Postkorb of the Ordnungsamt: a clerk of that OE sees it there.
    await t.services.identity.addUser({
      tenantId: 'unstrut-hainich-kreis',
      login: 'ordnungsamt',
      displayName: 'Sachbearbeitung Ordnungsamt',
      password: 'Ordnungsamt-Test-2026!',
      roles: ['sachbearbeitung'],
      orgUnit: 'OA',
      actor: 'test',
    });
    const clerk = await t.tokenFor('unstrut-hainich-kreis', ['sachbearbeitung'], 'ordnungsamt');
    const postkorb = await t.request('/api/v1/postkorb?bereich=oe', { token: clerk });
    expect(postkorb.status).toBe(200);
    expect(postkorb.text).toContain(antrag.vorgangId);
    for (const other of ['nordhausen', 'kyffhaeuserkreis', 'wartburgkreis']) {
      const token = await t.tokenFor(other, ['sachbearbeitung', 'leitung', 'kreis-admin']);
      expect((await t.request(`/api/v1/vorgaenge/${antrag.vorgangId}`, { token })).status).toBe(404);
      expect((await t.request(`/api/v1/antraege/${antrag.id}`, { token })).status).toBe(404);
    }
    const documents = await t.request(`/api/v1/vorgaenge/${antrag.vorgangId}/dokumente`, { token: uhk });
    expect(documents.json.items.map((d: { dateiname: string }) => d.dateiname)).toContain('sachkunde.pdf');

    // Receipt PDF.
    const receipt = await page.request.get(`${server.url}/portal/status/${code}/quittung.pdf`);
    expect(receipt.headers()['content-type']).toBe('application/pdf');
    expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Tracking: Nachforderung → upload → Bescheid.
    await t.request(`/api/v1/antraege/${antrag.id}/status`, {
      token: uhk,
      json: {
        status: 'nachforderung',
        nachricht: 'Bitte reichen Sie den Bedürfnisnachweis des Schützenvereins nach.',
      },
    });
    await page.goto(`${server.url}/portal/status`);
    await expectNoAxe(page);
    await page.getByLabel('Vorgangscode').fill(code.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Stand abrufen' }).click();
    await shown(page.getByText('Unterlagen nachgefordert'));
    await shown(page.getByText('Bedürfnisnachweis des Schützenvereins'));
    await expectNoAxe(page);
    await page.getByLabel('Dateien').setInputFiles({
      name: 'verein.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Bescheinigung des Vereins'),
    });
    await page.getByRole('button', { name: 'Unterlagen senden' }).click();
    await shown(page.getByText('Ihre Unterlagen sind eingegangen.'));
    await shown(page.getByText('in Bearbeitung'));

    const bescheidForm = new FormData();
    bescheidForm.set('datei', new Blob(['Bescheid: Die Waffenbesitzkarte wird erteilt.']), 'bescheid.txt');
    const bescheid = await t.request(`/api/v1/vorgaenge/${antrag.vorgangId}/dokumente`, {
      token: uhk,
      body: bescheidForm,
    });
    await t.request(`/api/v1/antraege/${antrag.id}/status`, {
      token: uhk,
      json: { status: 'beschieden', bescheidDokumentId: bescheid.json.id },
    });
    await page.reload();
    await expectNoAxe(page);
    const download = await page.request.get(
      `${server.url}/portal/status/${code}/bescheid/${bescheid.json.id}`,
    );
    expect(await download.text()).toContain('Waffenbesitzkarte wird erteilt');
    // Another document of the Vorgang is not released to the citizen.
    const other = documents.json.items[0].id;
    expect((await page.request.get(`${server.url}/portal/status/${code}/bescheid/${other}`)).status()).toBe(
      404,
    );
    await context.close();
  });

  it('works the same with JavaScript (no console errors, no CSP violations)', {
    timeout: 60_000,
  }, async () => {
    const [context, page] = await newPage({ javaScriptEnabled: true });
    const problems: string[] = [];
    page.on('console', (m) => {
      // The page with validation errors is answered with 422 on purpose; the browser logs that.
      if (/status of 422/.test(m.text())) return;
      if (m.type() === 'error' || /Refused|Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const code = await applyForWaffenbesitzkarte(page);
    expect(code).toBeTruthy();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('can be done by keyboard only', { timeout: 60_000 }, async () => {
    const [context, page] = await newPage({ javaScriptEnabled: true });
    await page.goto(`${server.url}/portal/leistungen/jagdschein`);
    const focusOn = async (accessibleName: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const name = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
          return (labelled || el.textContent || el.getAttribute('aria-label') || '').trim();
        });
        if (name.startsWith(accessibleName)) return;
      }
      throw new Error(`no focusable element "${accessibleName}"`);
    };
    await focusOn('Gemeinde oder Postleitzahl');
    await page.keyboard.type('99817');
    await page.keyboard.press('Enter');
    await shown(page.getByText('zuständig: Wartburgkreis'));
    await focusOn('Antrag starten');
    await page.keyboard.press('Enter');
    await heading(page, 'Angaben zur antragstellenden Person');
    for (const [label, value] of Object.entries({ ...person, Postleitzahl: '99817', Ort: 'Eisenach' })) {
      await focusOn(label);
      await page.keyboard.type(value);
    }
    await focusOn('Weiter');
    await page.keyboard.press('Enter');
    await heading(page, 'Angaben zum Jagdschein');
    await focusOn('ein Jagdjahr');
    await page.keyboard.press('ArrowDown'); // zwei Jagdjahre
    await focusOn('Datum der Jägerprüfung');
    await page.keyboard.type('15.03.2001');
    await focusOn('Ja');
    await page.keyboard.press('Space');
    await focusOn('Weiter');
    await page.keyboard.press('Enter');
    await shown(page.getByText('Schritt 3 von 4'));
    await focusOn('Nachweis der Jagdhaftpflichtversicherung');
    // Choosing a file opens the system dialog; Playwright stands in for it, the keyboard for the rest.
    await page
      .locator(':focus')
      .setInputFiles({ name: 'versicherung.txt', mimeType: 'text/plain', buffer: Buffer.from('Police') });
    await focusOn('Weiter zur Zusammenfassung');
    await page.keyboard.press('Enter');
    await shown(page.getByText('zwei Jagdjahre'));
    await focusOn('Antrag verbindlich absenden');
    await page.keyboard.press('Enter');
    await heading(page, 'Eingangsbestätigung');
    await context.close();
  });

  it('renders the real FIM schema Bewohnerparkausweis completely: every field of every page', {
    timeout: 60_000,
  }, async () => {
    const [context, page] = await newPage({ javaScriptEnabled: false });
    const xml = readFileSync(
      path.resolve(
        import.meta.dirname,
        '../../../shared/standards/xdatenfelder/examples/bewohnerparken/S05000058V1.0_xdf2.xml',
      ),
      'utf8',
    );
    const form = await t.services.ozg.catalog.getFormularVersion('S05000058');
    const ids = new Set<string>();
    const collect = (nodes: Array<{ kind: string; id: string; children?: unknown[] }>, prefix: string) => {
      for (const n of nodes)
        if (n.kind === 'group') collect(n.children as never, `${prefix}${n.id}.`);
        else ids.add(`${prefix}${n.id}`);
    };
    collect(form.definition.children as never, '');
    expect(ids.size).toBe(xml.match(/<xdf:datenfeld>/g)!.length);

    await page.goto(`${server.url}/portal/leistungen/bewohnerparkausweis`);
    await page.getByLabel('Gemeinde oder Postleitzahl').fill('99734');
    await page.getByRole('button', { name: 'Zuständigkeit finden' }).click();
    await page.getByRole('button', { name: 'Antrag starten' }).click();
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      await expectNoAxe(page);
      for (const name of await page
        .locator('[name^="d."]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('name')!))) {
        seen.add(name.slice(2).replace(/\[\d+\]/g, ''));
      }
      const next = page.getByRole('button', { name: /^Weiter/ });
      if ((await page.getByRole('heading', { level: 1 }).textContent()) === 'Bitte prüfen Sie Ihre Angaben')
        break;
      // Skip validation: jump to the next page by URL.
      const url = new URL(page.url());
      const n = Number(url.pathname.split('/').pop());
      if (!(await next.count())) break;
      await page.goto(`${url.origin}${url.pathname.replace(/\/seite\/\d+$/, `/seite/${n + 1}`)}`);
      if (page.url().endsWith('/seite/1') && n > 0) break;
    }
    expect([...ids].filter((id) => !seen.has(id))).toEqual([]);
    await context.close();
  });

  it('a case worker of the responsible county works the Antrag in the staff UI', {
    timeout: 60_000,
  }, async () => {
    const [citizenContext, citizen] = await newPage({ javaScriptEnabled: false });
    const code = await applyForWaffenbesitzkarte(citizen);
    await citizenContext.close();
    const antrag = await t.services.ozg.antraege.track(code);
    const [context, page] = await newPage({ javaScriptEnabled: true });
    await login(page, server.url, 'unstrut-hainich-kreis', 'sachbearbeitung', DEMO_PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Onlinedienste' })
      .click();
    await heading(page, 'Onlinedienste');
    await expectNoAxe(page);
    await page.getByRole('link', { name: antrag.nummer }).click();
    await heading(page, `Antrag ${antrag.nummer}: Waffenbesitzkarte beantragen`);
    await shown(page.getByText('Sportschießen'));
    await expectNoAxe(page);
    await page.getByLabel('Neuer Status').selectOption('nachforderung');
    await page.getByRole('button', { name: 'Status setzen' }).click();
    // Without a message the Nachforderung is refused with a German explanation.
    await shown(page.getByText('Bitte schreiben Sie, welche Unterlagen nachgereicht werden sollen.'));
    await page.getByLabel('Neuer Status').selectOption('nachforderung');
    await page
      .getByLabel('Nachricht an die antragstellende Person')
      .fill('Bitte den Vereinsnachweis nachreichen.');
    await page.getByRole('button', { name: 'Status setzen' }).click();
    await shown(page.getByText('Status gesetzt.'));
    expect((await t.services.ozg.antraege.track(code)).status).toBe('nachforderung');
    // Another county's staff cannot open it.
    const [otherContext, other] = await newPage({ javaScriptEnabled: true });
    await login(other, server.url, 'nordhausen', 'sachbearbeitung', DEMO_PASSWORD);
    await other.waitForURL(`${server.url}/`);
    const response = await other.goto(`${server.url}/onlinedienste/antraege/${antrag.id}`);
    expect(response?.status()).toBe(404);
    await otherContext.close();
    await context.close();
  });
});
