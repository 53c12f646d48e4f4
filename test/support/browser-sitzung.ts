import { DEMO_PASSWORD } from '../../src/demo/verbund.seed.ts';
import { type BrowserTestbed, login } from './browser.ts';

/**
 * A demo person signed in through the real login form in a fresh browser context (JavaScript on
 * unless `javaScript: false`), then at `ziel`: for the staff-page browser tests.
 */
export async function angemeldeteSeite(
  bed: BrowserTestbed,
  {
    tenant,
    user,
    ziel,
    javaScript = true,
  }: { tenant: string; user: string; ziel: string; javaScript?: boolean },
) {
  const context = await bed.browser.newContext({ javaScriptEnabled: javaScript });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const url = bed.server.url;
  await login(page, url, tenant, user, DEMO_PASSWORD);
  await page.waitForURL(`${url}/`);
  await page.goto(`${url}${ziel}`);
  return { context, page, url };
}
