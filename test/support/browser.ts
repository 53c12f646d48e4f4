import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createTestContext, type TestContext } from './context.ts';

const CHROMIUM = '/usr/bin/chromium';
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, as DEVELOPERS.md prescribes. Missing Chromium is a failure, never a skip. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} fehlt: apt-get install -y chromium (siehe .ci/run)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/** Serves the test context's app on a real port (the browser needs a real HTTP server). */
export async function serveApp(t: TestContext) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs axe-core with the WCAG 2.1 A/AA rule set and returns the violations (ids and targets). */
export async function axeViolations(page: Page) {
  // axe-core (about 550 kB) is evaluated once per loaded document, not on every check of it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at runtime
    const axe = (window as any).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
  });
  return (result.violations as Array<{ id: string; nodes: Array<{ target: string[] }> }>).map((v) => ({
    id: v.id,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** Logs in through the real login form and waits for the start page. */
export async function login(page: Page, baseUrl: string, tenant: string, user: string, password: string) {
  await page.goto(`${baseUrl}/anmelden`);
  await page.getByLabel('Landkreis').selectOption(tenant);
  await page.getByLabel('Benutzername').fill(user);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

export type BrowserTestbed = {
  t: TestContext;
  browser: Browser;
  server: Awaited<ReturnType<typeof serveApp>>;
};

/** A fresh test database with the app on a real port and Debian Chromium: for beforeAll. */
export async function startBrowserTestbed(): Promise<BrowserTestbed> {
  const t = await createTestContext();
  const server = await serveApp(t);
  return { t, server, browser: await launchBrowser() };
}

export async function stopBrowserTestbed(bed: Partial<BrowserTestbed>) {
  await bed.browser?.close();
  await bed.server?.close();
  await bed.t?.close();
}
