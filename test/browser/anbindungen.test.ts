import type { Browser, Page } from 'playwright-core';
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

const expectNoAxe = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

describe('Fachverfahren-Anbindung in Debian Chromium', () => {
  it('a kreis-admin sees the monitor and a dead letter, redelivers it, activates a connector and registers a Fachverfahren', {
    timeout: 60_000,
  }, async () => {
    const admin = await t.tokenFor('nordhausen');
    // A webhook to a port nobody listens on, one attempt: a dead letter.
    await t.request('/api/v1/connectoren', {
      token: admin,
      json: {
        id: 'meldung-tot',
        name: 'Statusmeldung an Altverfahren',
        ausloeser: 'vorgang.status',
        nutzlast: 'json',
        transport: 'webhook',
        maxVersuche: 1,
      },
    });
    await t.request('/api/v1/connectoren', {
      token: admin,
      json: {
        id: 'ablage-zip',
        name: 'Ablage als ZIP',
        ausloeser: 'dokument.abgelegt',
        nutzlast: 'json',
        transport: 'verzeichnis',
      },
    });
    await t.request('/api/v1/connectoren/meldung-tot/aktivierung', {
      token: admin,
      method: 'PUT',
      json: { ziel: 'http://127.0.0.1:9/nirgends', secret: 'nirgends-nirgends-nirgends' },
    });
    const akte = await t.request('/api/v1/akten', {
      token: admin,
      json: { titel: 'Anbindung', aktenplan: '00.30.02' },
    });
    const v = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: admin,
      json: { betreff: 'Meldung' },
    });
    await t.request(`/api/v1/vorgaenge/${v.json.id}/status`, {
      token: admin,
      json: { status: 'in-bearbeitung' },
    });
    await t.services.createDeliveryWorker().runOnce();

    const context = await browser.newContext({ locale: 'de-DE' });
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await login(page, server.url, 'nordhausen', 'admin', DEMO_PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Fachverfahren' })
      .click();
    await page.getByRole('heading', { name: 'Fachverfahren-Anbindung', level: 1 }).waitFor();
    await page.getByText('Unzustellbare Zustellungen (1)').waitFor();
    expect(await page.locator('#tot ~ ul, section:has(#tot)').first().textContent()).toContain(
      'Keine Verbindung',
    );
    await expectNoAxe(page);

    await page.getByRole('button', { name: 'Erneut zustellen' }).click();
    await page.getByText('Die Zustellung wird erneut versucht.').waitFor();
    const status = await t.superuser.query(
      `select status, attempts from outbox where connector_id = 'meldung-tot'`,
    );
    expect(status.rows[0]).toEqual({ status: 'pending', attempts: 0 });

    await page.getByLabel('Zielverzeichnis (absoluter Pfad)').fill('relativ');
    await page
      .getByRole('article')
      .filter({ hasText: 'Ablage als ZIP' })
      .getByRole('button', { name: 'Speichern und aktivieren' })
      .click();
    await page.getByText('absoluter Pfad ohne').waitFor();
    await page.getByLabel('Zielverzeichnis (absoluter Pfad)').fill('/tmp/verbund-ablage-ui');
    await page
      .getByRole('article')
      .filter({ hasText: 'Ablage als ZIP' })
      .getByRole('button', { name: 'Speichern und aktivieren' })
      .click();
    await page.getByText('Anbindung aktiviert.').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Wohngeld an Fachverfahren');
    await page.getByLabel('Kennung', { exact: true }).first().fill('wohngeld-fv');
    await page.getByLabel('Auslöser').selectOption('antrag.eingegangen');
    await page.getByLabel('Filter (optional)').fill('wohngeld');
    await page.getByLabel('Abbildung (JSON, optional)').fill('{"nummer": "$.antrag.nummer"}');
    await page.getByRole('button', { name: 'Anbindung definieren' }).click();
    await page.getByText('Anbindung „Wohngeld an Fachverfahren“ definiert').waitFor();
    const defined = await t.request('/api/v1/connectoren', { token: await t.tokenFor('wartburgkreis') });
    expect(defined.json.items.find((c: { id: string }) => c.id === 'wohngeld-fv')).toMatchObject({
      ownerTenantId: 'nordhausen',
      mapping: { nummer: '$.antrag.nummer' },
      aktivierung: { status: 'pending' },
    });

    await page.getByLabel('Name des Fachverfahrens').fill('Kfz-Zulassung (Fachverfahren)');
    await page.locator('#fv-kennung').fill('kfz-zulassung');
    await page.getByRole('button', { name: 'Anmelden und Token erzeugen' }).click();
    const token = (await page.locator('code.vb-code').textContent())!.trim();
    expect((await t.request('/api/v1/me', { token })).status).toBe(200);
    await expectNoAxe(page);
    await context.close();
  });
});
