import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/verbund.seed.ts';
import { renderTextPdf } from '../../src/modules/records/dokumente/text-pdf.ts';
import {
  axeViolations,
  type BrowserTestbed,
  login as loginForm,
  startBrowserTestbed,
  stopBrowserTestbed,
} from '../support/browser.ts';
import type { TestContext } from '../support/context.ts';
import { drainJobs } from '../support/jobs.ts';

let t: TestContext;
let browser: Browser;
let server: BrowserTestbed['server'];

beforeAll(async () => {
  ({ t, browser, server } = await startBrowserTestbed());
});
afterAll(() => stopBrowserTestbed({ t, browser, server }));

async function login(page: Page, tenant: string, user: string) {
  await loginForm(page, server.url, tenant, user, DEMO_PASSWORD);
  await page.waitForURL(`${server.url}/`);
}

const expectNoAxe = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

describe('E-Akte in Debian Chromium', () => {
  it('a case worker files an Akte, a Vorgang and documents, previews and finds them – with and without JavaScript', {
    timeout: 60_000,
  }, async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Refused|Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await login(page, 'nordhausen', 'leitung');

    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'E-Akte' })
      .click();
    await page.waitForURL(`${server.url}/akten`);
    expect(await page.getByRole('navigation', { name: 'Aktenplan' }).textContent()).toContain(
      'Interkommunale Zusammenarbeit, Zweckvereinbarungen',
    );
    await expectNoAxe(page);

    await page.getByLabel('Titel der Akte').fill('Breitbandausbau im Landkreis');
    await page.getByLabel('Aktenplaneinheit').selectOption('02.20');
    await page.getByLabel('Federführende Organisationseinheit').selectOption({ label: 'HA – Hauptamt' });
    await page.getByRole('button', { name: 'Akte anlegen' }).click();
    await page.waitForURL(/\/akten\/[0-9a-f-]{36}/);
    expect(await page.textContent('main')).toMatch(/Aktenzeichen 02\.20-0001\/\d{4}/);
    await expectNoAxe(page);

    await page.getByLabel('Betreff').fill('Fördermittelantrag Glasfaser');
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    await page.waitForURL(/\/vorgaenge\/[0-9a-f-]{36}/);
    const vorgangUrl = page.url().split('?')[0]!;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fördermittelantrag Glasfaser');
    expect(await page.textContent('main')).toContain('Noch keine Dokumente');
    await expectNoAxe(page);

    // Drag and drop (JavaScript on): the file is dropped onto the form and sent with a progress bar.
    const pdf = await renderTextPdf(
      'Zuwendungsbescheid',
      'Zuwendungsbescheid über Fördermittel für den Glasfaserausbau in Nordhausen.',
    );
    const dataTransfer = await page.evaluateHandle(
      (bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(
          new File([new Uint8Array(bytes)], 'Zuwendungsbescheid.pdf', { type: 'application/pdf' }),
        );
        return transfer;
      },
      [...pdf],
    );
    await page.dispatchEvent('form[data-dropzone]', 'drop', { dataTransfer });
    expect(await page.locator('#datei').evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe(
      'Zuwendungsbescheid.pdf',
    );
    await Promise.all([page.waitForURL(/ok=/), page.getByRole('button', { name: 'Hochladen' }).click()]);
    expect(await page.getByRole('table', { name: 'Dokumente des Vorgangs' }).textContent()).toContain(
      'Zuwendungsbescheid',
    );
    await expectNoAxe(page);

    // The plain form, JavaScript off.
    const plain = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await context.storageState(),
    });
    const noJs = await plain.newPage();
    await noJs.goto(vorgangUrl);
    await noJs.setInputFiles('#datei', {
      name: 'Vermerk Glasfaser.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Vermerk: Die Kostenerstattung für den Glasfaserausbau ist geprüft.'),
    });
    await noJs.getByLabel('Titel (optional, sonst Dateiname)').fill('Vermerk zur Kostenerstattung');
    await noJs.getByLabel('Art').selectOption('intern');
    await noJs.getByRole('button', { name: 'Hochladen' }).click();
    await noJs.waitForURL(/ok=/);
    expect(await noJs.getByRole('status').textContent()).toContain(
      '„Vermerk zur Kostenerstattung“ hochgeladen.',
    );
    // (axe needs JavaScript; the same page is checked with JavaScript on above and below.)
    await plain.close();

    await drainJobs(t, { rounds: 20 });
    await page.goto(vorgangUrl);
    expect(await page.getByRole('table', { name: 'Dokumente des Vorgangs' }).textContent()).not.toContain(
      'wird erkannt',
    );
    expect(await page.getByRole('heading', { name: 'Verlauf' }).isVisible()).toBe(true);
    expect(await page.textContent('main')).toContain('Dokument hinzugefügt');

    // Text preview.
    await page.getByRole('link', { name: 'Vermerk zur Kostenerstattung' }).click();
    await page.waitForURL(/\/dokumente\//);
    expect(await page.locator('pre.vb-text').textContent()).toContain(
      'Kostenerstattung für den Glasfaserausbau',
    );
    await expectNoAxe(page);

    // Edit the document's details (plain form).
    await page.getByLabel('Absender').fill('Kämmerei, Haushaltsabteilung');
    await page.getByRole('button', { name: 'Angaben speichern' }).click();
    await page.waitForURL(/ok=/);
    expect(await page.textContent('main')).toContain('Kämmerei, Haushaltsabteilung');

    // PDF preview in the browser's viewer: the frame loads our content, nothing is blocked.
    await page.goto(vorgangUrl);
    await page.getByRole('link', { name: 'Zuwendungsbescheid' }).click();
    await page.waitForURL(/\/dokumente\//);
    const frameSrc = await page.locator('iframe.vb-preview').getAttribute('src');
    const response = await page.request.get(`${server.url}${frameSrc}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toMatch(/^inline/);
    await page.waitForTimeout(300);
    expect(refused).toEqual([]);
    await expectNoAxe(page);

    // Search with filters and snippets.
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Suche' })
      .click();
    await page.getByLabel('Suchbegriffe').fill('glasfaser*');
    await page.getByText('Filter').click();
    await page.getByLabel('Dokumentart').selectOption('intern');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/\/suche\?/);
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('1 Treffer');
    expect(await page.locator('.vb-snippet mark').first().textContent()).toMatch(/^Glasfaser/);
    await expectNoAxe(page);
    await page.getByLabel('Suchbegriffe').fill('Schreibfehlerwort');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/Schreibfehlerwort/);
    expect(await page.textContent('main')).toContain('Keine Treffer');
    await context.close();
  });

  it('z.d.A. freezes the Akte in the UI and Leitung reopens it with a reason', async () => {
    const page = await browser.newPage();
    await login(page, 'nordhausen', 'leitung');
    await page.goto(`${server.url}/akten?aktenplan=02.20`);
    await page.getByRole('link', { name: /02\.20-0001/ }).click();
    await page.getByRole('button', { name: 'Akte z.d.A. verfügen' }).click();
    await page.waitForURL(/ok=/);
    expect(await page.textContent('main')).toContain('Diese Akte ist z.d.A. verfügt');
    expect(await page.getByRole('button', { name: 'Vorgang anlegen' }).count()).toBe(0);
    await expectNoAxe(page);
    await page.getByLabel('Begründung (wird protokolliert)').fill('Nachtrag zum Verwendungsnachweis');
    await page.getByRole('button', { name: 'Wieder öffnen' }).click();
    await page.waitForURL(/ok=/);
    expect(await page.getByRole('status').textContent()).toContain('Akte wieder geöffnet.');
    await page.close();
  });

  it('the Postkorb shows what is new and due, without axe violations', async () => {
    const token = await t.tokenFor('nordhausen', ['leitung', 'sachbearbeitung']);
    const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Postkorb-Test' } });
    await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: {
        betreff: 'Wiedervorlage heute',
        zustaendigPerson: 'sachbearbeitung',
        wiedervorlage: new Date().toISOString().slice(0, 10),
      },
    });
    const page = await browser.newPage();
    await login(page, 'nordhausen', 'sachbearbeitung');
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Postkorb' })
      .click();
    await page.waitForURL(`${server.url}/postkorb`);
    expect(await page.getByRole('region', { name: /Neue Vorgänge/ }).textContent()).toContain(
      'Wiedervorlage heute',
    );
    expect(await page.getByRole('region', { name: /Fällige Wiedervorlagen/ }).textContent()).toContain(
      'Wiedervorlage heute',
    );
    await expectNoAxe(page);
    await page.getByRole('link', { name: 'Wiedervorlage heute' }).first().click();
    await page.goto(`${server.url}/postkorb`);
    expect(await page.getByRole('region', { name: /Neue Vorgänge/ }).textContent()).not.toContain(
      'Wiedervorlage heute',
    );
    await page.close();
  });

  it('the Kreis-Administration imports an Aktenplan CSV; a faulty file changes nothing and names the line', async () => {
    const page = await browser.newPage();
    await login(page, 'wartburgkreis', 'admin');
    await page.goto(`${server.url}/akten`);
    await page.setInputFiles('#aktenplan-datei', {
      name: 'plan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'kennzeichen;titel;aufbewahrung_jahre;aussonderung\n09.20;Radverkehr;10;B\n09.21;Kaputt;viele;B\n',
      ),
    });
    await page.getByRole('button', { name: 'Aktenplan übernehmen' }).click();
    await page.waitForURL(/fehler=/);
    expect(await page.getByRole('alert').textContent()).toContain('Zeile 3');
    expect(await page.getByRole('navigation', { name: 'Aktenplan' }).textContent()).not.toContain(
      'Radverkehr',
    );
    await page.setInputFiles('#aktenplan-datei', {
      name: 'plan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('kennzeichen;titel;aufbewahrung_jahre;aussonderung\n09.20;Radverkehr;10;B\n'),
    });
    await page.getByRole('button', { name: 'Aktenplan übernehmen' }).click();
    await page.waitForURL(/ok=/);
    expect(await page.getByRole('status').textContent()).toContain('1 neu');
    expect(await page.getByRole('navigation', { name: 'Aktenplan' }).textContent()).toContain(
      '09.20 Radverkehr',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
