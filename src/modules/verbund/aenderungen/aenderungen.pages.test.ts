import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type BrowserTestbed,
  login,
  startBrowserTestbed,
  stopBrowserTestbed,
} from '../../../../test/support/browser.ts';

// Sample data: the amendment below is invented for this test.
let bed: BrowserTestbed;
let id: string;
beforeAll(async () => {
  bed = await startBrowserTestbed();
  const token = await bed.t.tokenFor('unstrut-hainich-kreis', ['verbund-admin', 'kreis-admin']);
  const created = await bed.t.request('/api/v1/verbund/aenderungen', {
    method: 'POST',
    token,
    json: {
      titel: '2. Änderung der Zweckvereinbarung (Kostenschlüssel)',
      wortlaut: '§ 9 Kosten: nach Einwohnern. (Beispieldaten)',
      kostenschluessel: {
        nordhausen: 22.5,
        kyffhaeuserkreis: 17.5,
        'unstrut-hainich-kreis': 27,
        wartburgkreis: 33,
      },
    },
  });
  expect(created.status).toBe(201);
  id = created.json.aenderung.id;
}, 120_000);
afterAll(() => stopBrowserTestbed(bed));

describe('the Verbund view of an amendment in a browser', () => {
  it('lists the amendment and shows each county’s state, with 0 axe violations on both pages', async () => {
    const page = await bed.browser.newPage();
    await login(page, bed.server.url, 'unstrut-hainich-kreis', 'serviceteam', 'verbund-demo-2020');
    await page.goto(`${bed.server.url}/verbund`);
    await page.getByRole('link', { name: /Verfahren der Änderungen/ }).click();
    await page.waitForURL(`${bed.server.url}/verbund/aenderungen`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '2. Änderung der Zweckvereinbarung (Kostenschlüssel)' }).click();
    await page.waitForURL(`${bed.server.url}/verbund/aenderungen/${id}`);
    const rows = page.locator('table').first().locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await page.locator('table').first().textContent()).toContain('Wartburgkreis');
    expect(await page.textContent('body')).toContain('22,5 %');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('lets the Serviceteam record Genehmigung, signature and Bekanntmachung in forms, with German refusals and 0 axe violations', async () => {
    const page = await bed.browser.newPage();
    await login(page, bed.server.url, 'unstrut-hainich-kreis', 'serviceteam', 'verbund-demo-2020');
    const url = `${bed.server.url}/verbund/aenderungen/${id}`;
    await page.goto(url);
    // Too early: no Kreistag has resolved yet – the use-case's refusal comes back as the page's notice.
    await page.fill('#genehmigung-am', '2026-03-01');
    await page.fill('#genehmigung-aktenzeichen', '200-4121/2026');
    await page.getByRole('button', { name: 'Genehmigung erfassen' }).click();
    await page.waitForURL(/fehler=/);
    expect(await page.locator('.kern-alert').first().textContent()).toContain('Die Genehmigung');
    expect(await axeViolations(page)).toEqual([]);

    // Every Kreistag resolved the text (set in the database on the process's own path, as the
    // Beratung hook would after real sessions – those are tested in aenderungen.test.ts).
    await bed.t.superuser.query(`select set_config('app.aenderung_verfahren', 'on', false);
      update aenderung_beteiligte b set status = 'beschlossen', beschlossen_am = '2026-02-01',
        beschluss_nr = 'KT/001-01/26', beschlossene_fassung = a.wortlaut_sha256
        from aenderungen a where a.id = b.aenderung_id and a.id = '${id}';
      update aenderungen set status = 'beschlossen' where id = '${id}';
      select set_config('app.aenderung_verfahren', '', false)`);

    // A field the API's schema refuses: the German text, nothing recorded.
    await page.goto(url);
    await page.fill('#genehmigung-am', '2026-03-01');
    await page.fill('#genehmigung-aktenzeichen', 'A'.repeat(201));
    await page.getByRole('button', { name: 'Genehmigung erfassen' }).click();
    await page.waitForURL(/fehler=/);
    expect(await page.locator('.kern-alert').first().textContent()).toContain(
      'Bitte das Aktenzeichen der Genehmigung angeben (höchstens 200 Zeichen).',
    );

    await page.fill('#genehmigung-am', '2026-03-01');
    await page.fill('#genehmigung-aktenzeichen', '200-4121/2026');
    await page.getByRole('button', { name: 'Genehmigung erfassen' }).click();
    await page.waitForURL(/ok=/);
    expect(await page.textContent('body')).toContain('Die Genehmigung ist erfasst.');
    expect(await page.textContent('body')).toContain('Az. 200-4121/2026');

    await page.selectOption('#unterschrift-landkreis', 'nordhausen');
    await page.fill('#unterschrift-am', '2026-02-10');
    await page.fill('#unterschrift-von', 'Landrat (Beispieldaten)');
    await page.getByRole('button', { name: 'Unterschrift erfassen' }).click();
    await page.waitForURL(/ok=/);
    expect(await page.locator('table').first().textContent()).toContain('Landrat (Beispieldaten)');

    await page.fill('#bekanntmachung-am', '2026-03-10');
    await page.fill('#bekanntmachung-amtsblatt', 'ThürStAnz Nr. 11/2026, S. 321');
    await page.getByRole('button', { name: 'Bekanntmachung erfassen' }).click();
    await page.waitForURL(/ok=/);
    expect(await page.textContent('body')).toContain('ThürStAnz Nr. 11/2026, S. 321');
    expect(await page.textContent('body')).toContain('11.03.2026'); // wirksam am Tag danach (§ 12)
    expect(await axeViolations(page)).toEqual([]);

    // Without the CSRF field the form is refused, even with the session cookie.
    const forged = await page.request.post(`${url}/genehmigung`, {
      form: { am: '2026-03-02', aktenzeichen: 'gefälscht' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    await page.close();

    // Someone without verbund-admin sees no forms, only who records the acts.
    const reader = await bed.t.tokenFor('nordhausen', ['lesen']);
    const asReader = await bed.t.request(`/verbund/aenderungen/${id}`, {
      token: reader,
      headers: { accept: 'text/html' },
    });
    expect(asReader.text).not.toContain('Genehmigung erfassen');
    expect(asReader.text).toContain('erfasst das Serviceteam');
  }, 180_000);
});
