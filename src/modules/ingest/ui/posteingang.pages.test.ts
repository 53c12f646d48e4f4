import { mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { flashOf, getPage, postForm, type Session, sessionOf } from '../../gremien/ui/gremien-ui.fixture.ts';
import { auditVirusFinding } from '../virenscan/virenscan.audit.ts';

let t: TestContext;
let admin: Session;
let clerk: Session;
let fremd: Session;
beforeAll(async () => {
  t = await createTestContext();
  admin = await sessionOf(t, 'nordhausen', 'admin');
  clerk = await sessionOf(t, 'nordhausen', 'sachbearbeitung');
  fremd = await sessionOf(t, 'wartburgkreis', 'admin');
});
afterAll(() => t?.close());

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );
/** A file whose last change lies a minute back (complete for the consume folder). */
async function dropOld(file: string, content: string) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  const past = new Date(Date.now() - 60_000);
  await utimes(file, past, past);
}
const ordnerFields = (over: Record<string, string> = {}) => ({
  name: 'Poststelle Bauamt',
  pfad: 'bauamt',
  aktenplan: '',
  oe: '',
  regeln: 'Anträge = 00.20',
  stabil: '1',
  ...over,
});

describe('the Posteingang pages', () => {
  it('belong to the Kreis-Administration: its navigation leads there, a case worker gets 403, nobody signed in goes to the login', async () => {
    const page = await getPage(t, admin, '/posteingang');
    expect(page.status).toBe(200);
    expect(page.html).toContain('href="/posteingang" aria-current="page"');
    expect(page.html).toContain('Noch nichts eingegangen.');
    const home = await getPage(t, clerk, '/');
    expect(home.html).not.toContain('href="/posteingang"');
    const refused = await getPage(t, clerk, '/posteingang');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Den Posteingang verwaltet die Kreis-Administration.');
    expect((await getPage(t, clerk, '/posteingang/ordner')).status).toBe(403);
    expect((await getPage(t, clerk, '/posteingang/importe')).status).toBe(403);
    expect((await getPage(t, clerk, '/posteingang/mail')).status).toBe(403);
    const anonymous = await t.app.request('/posteingang/ordner', { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/anmelden?weiter=%2Fposteingang%2Fordner');
  });

  it('an administrator sets up a consume folder; bad input comes back in German at its fields, with what was typed', async () => {
    const bad = await postForm(
      t,
      admin,
      '/posteingang/ordner',
      ordnerFields({
        name: '',
        pfad: '../wartburgkreis',
        stabil: 'bald',
        regeln: 'Anträge\nWidersprüche = 00.20',
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Bitte geben Sie einen Namen an');
    expect(bad.html).toContain('Stabilitätsfenster ist eine ganze Zahl von 1 bis 3600');
    expect(bad.html).toContain('Zeile 1: bitte „Unterordner = Kennzeichen“');
    expect(bad.html).toContain('value="../wartburgkreis"');
    const outside = await postForm(
      t,
      admin,
      '/posteingang/ordner',
      ordnerFields({ pfad: '../wartburgkreis' }),
    );
    expect(outside.status).toBe(400);
    expect(outside.html).toContain(
      'Der Pfad muss relativ sein und im Eingangsverzeichnis des Landkreises liegen',
    );
    const unit = await postForm(t, admin, '/posteingang/ordner', ordnerFields({ aktenplan: '99.99' }));
    expect(unit.html).toContain('Die Aktenplaneinheit „99.99“ gibt es nicht.');
    const rule = await postForm(
      t,
      admin,
      '/posteingang/ordner',
      ordnerFields({ regeln: 'Anträge = Vorgang 42' }),
    );
    expect(rule.html).toContain('Regel 1: vorgangId ist keine Kennung.');

    const created = await postForm(t, admin, '/posteingang/ordner', ordnerFields());
    expect(created.status).toBe(303);
    expect(flashOf(created.location).ok).toBe('Eingangsordner „Poststelle Bauamt“ eingerichtet.');
    expect(await exists(path.join(t.config.intake.eingangRoot, 'nordhausen', 'bauamt'))).toBe(true);
    const again = await postForm(t, admin, '/posteingang/ordner', ordnerFields({ name: 'Doppelt' }));
    expect(again.status).toBe(400);
    expect(again.html).toContain('Für „bauamt“ gibt es schon einen Eingangsordner.');
    const list = await getPage(t, admin, '/posteingang/ordner');
    expect(list.html).toContain('Poststelle Bauamt');
    expect(list.html).toContain('noch keine');
  });

  it('the folder page shows the last pickup, the log and the error folder with its .grund.txt; editing and switching off work', async () => {
    const id = (await t.request('/api/v1/eingangsordner', { token: await t.tokenFor('nordhausen') })).json
      .items[0].id;
    const dir = path.join(t.config.intake.eingangRoot, 'nordhausen', 'bauamt');
    await dropOld(path.join(dir, 'Anträge', 'antrag.txt'), 'Antrag auf Baugenehmigung für eine Garage');
    const watcher = t.services.createEingangsordnerWatcher({ events: false });
    await watcher.runOnce();
    expect(await watcher.runOnce()).toMatchObject({ abgelegt: 1 });
    await dropOld(path.join(dir, '_fehler', 'scan.pdf'), '%PDF-kaputt');
    await dropOld(
      path.join(dir, '_fehler', 'scan.pdf.grund.txt'),
      'Schadsoftware gefunden („Eicar-Test-Signature“), nicht abgelegt.',
    );

    const page = await getPage(t, admin, `/posteingang/ordner/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/Letzte Übernahme<\/dt><dd class="kern-body">[^<]+\(Anträge\/antrag\.txt\)/);
    expect(page.html).toContain('Anträge = 00.20');
    expect(page.html).toContain('scan.pdf');
    expect(page.html).toContain('Schadsoftware gefunden („Eicar-Test-Signature“), nicht abgelegt.');

    const edited = await postForm(t, admin, `/posteingang/ordner/${id}`, {
      name: 'Bauamt',
      regeln: 'Anträge = 00.20\nWidersprüche = 00.40',
      stabil: '10',
    });
    expect(edited.status).toBe(303);
    const badEdit = await postForm(t, admin, `/posteingang/ordner/${id}`, {
      name: 'Bauamt',
      regeln: '= 00.20',
      stabil: '0',
    });
    expect(badEdit.status).toBe(400);
    expect(badEdit.html).toContain('Regel 1: Unterordner fehlt oder ist ungültig.');
    const off = await postForm(t, admin, `/posteingang/ordner/${id}/aktiv`, { aktiv: '0' });
    expect(flashOf(off.location).ok).toContain('abgeschaltet');
    const shown = (await t.request(`/api/v1/eingangsordner/${id}`, { token: await t.tokenFor('nordhausen') }))
      .json;
    expect(shown).toMatchObject({ name: 'Bauamt', aktiv: false, stabilSekunden: 10 });
    expect(shown.regeln).toEqual([
      { unterordner: 'Anträge', aktenplan: '00.20' },
      { unterordner: 'Widersprüche', aktenplan: '00.40' },
    ]);

    // Without the CSRF token nothing changes; another county gets 404 and sees nothing of it.
    expect(
      (await postForm(t, admin, `/posteingang/ordner/${id}/aktiv`, { aktiv: '1' }, { csrf: false })).status,
    ).toBe(403);
    expect((await getPage(t, fremd, `/posteingang/ordner/${id}`)).status).toBe(404);
    expect((await postForm(t, fremd, `/posteingang/ordner/${id}/aktiv`, { aktiv: '1' })).status).toBe(404);
    expect((await getPage(t, fremd, '/posteingang/ordner')).html).not.toContain('Bauamt');
    expect((await getPage(t, fremd, '/posteingang')).html).not.toContain('antrag.txt');
    const overview = await getPage(t, admin, '/posteingang?kanal=ordner');
    expect(overview.html).toContain('Anträge/antrag.txt');
    expect(overview.html).toContain('>abgelegt<');
  });

  it('a bulk import starts from the form, shows its progress bar and ends with imported, seen again and failed with reasons', async () => {
    const root = path.join(t.config.intake.importRoot, 'nordhausen', 'altbestand');
    for (let i = 0; i < 28; i++)
      await dropOld(path.join(root, `akte-${i}.txt`), `Altbestand Nummer ${i} des Landkreises`);
    await dropOld(path.join(root, 'kopie.txt'), 'Altbestand Nummer 0 des Landkreises');

    const outside = await postForm(t, admin, '/posteingang/importe', {
      verzeichnis: '../wartburgkreis',
      aktenplan: '',
    });
    expect(outside.status).toBe(400);
    expect(outside.html).toContain('Das Verzeichnis muss im Importordner des Landkreises liegen');
    const missing = await postForm(t, admin, '/posteingang/importe', {
      verzeichnis: 'gibtsnicht',
      aktenplan: '',
    });
    expect(missing.html).toContain('Das Verzeichnis „gibtsnicht“ gibt es nicht.');
    const form = await getPage(t, admin, '/posteingang/importe');
    expect(form.html).toContain('Vorhanden: altbestand');

    const started = await postForm(t, admin, '/posteingang/importe', {
      verzeichnis: 'altbestand',
      aktenplan: '',
    });
    expect(started.status).toBe(303);
    expect(flashOf(started.location).ok).toMatch(/^Import gestartet: 29 Dateien in Akte /);
    const running = await getPage(t, admin, started.location!);
    expect(running.html).toContain('0 von 29 Dateien verarbeitet (0 %)');
    expect(running.html).toMatch(/<progress id="fortschritt-balken"[^>]*max="29"[^>]*value="0"/);
    expect(running.html).toContain('hx-trigger="every 2s"');
    expect(running.html).toContain('Stand aktualisieren');

    await drainJobs(t);
    const id = started.location!.split('?')[0]!.split('/').at(-1)!;
    const part = await getPage(t, admin, `/posteingang/importe/${id}/fortschritt`);
    expect(part.html.startsWith('<section id="fortschritt"')).toBe(true);
    expect(part.html).toContain('29 von 29 Dateien verarbeitet (100 %)');
    expect(part.html).toContain('Importiert: 28 · wieder gesehen (Duplikate): 1 · fehlgeschlagen: 0');
    expect(part.html).not.toContain('hx-trigger');
    // Which of the two equal files counts as the copy depends on the order the tree is walked in.
    expect(part.html).toMatch(
      /Wieder gesehen \(1\)<\/h3>.*<td class="kern-table__cell">(kopie|akte-0)\.txt<\/td>/s,
    );
    expect((await getPage(t, fremd, `/posteingang/importe/${id}`)).status).toBe(404);

    // The overview: the newest intake first, 25 a page, then the older ones.
    const first = await getPage(t, admin, '/posteingang');
    expect(first.html).toContain('Massenimport');
    expect(first.html).toContain('wieder gesehen');
    expect(first.html).toContain('Ältere Einträge');
    const second = await getPage(t, admin, '/posteingang?offset=25');
    expect(second.html).toContain('Neuere Einträge');
    expect(second.html).toContain('Einträge 26–');
  });

  it('the overview shows uploads by their title and virus findings of uploads with the signature, each channel on its own when filtered', async () => {
    const token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Uploads', aktenplan: '00.20' } });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token,
      json: { betreff: 'Post' },
    });
    const form = new FormData();
    form.set('datei', new Blob(['Antrag auf Akteneinsicht'], { type: 'text/plain' }), 'akteneinsicht.txt');
    form.set('titel', 'Antrag auf Akteneinsicht');
    const uploaded = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: form });
    expect(uploaded.status).toBe(201);
    // What the upload screen writes when clamd finds something (the real function, no scanner needed here).
    await auditVirusFinding({
      database: t.services.database,
      tenant: 'nordhausen',
      actor: 'user:sachbearbeitung',
      source: 'records.upload',
      fileName: 'rechnung.pdf',
      sha256: 'a'.repeat(64),
      result: { status: 'infected', signature: 'Eicar-Test-Signature', required: false },
    });
    const uploads = await getPage(t, admin, '/posteingang?kanal=upload');
    expect(uploads.html).toContain('Antrag auf Akteneinsicht');
    expect(uploads.html).toContain(`href="/dokumente/${uploaded.json.id}"`);
    expect(uploads.html).toContain('>Virenfund<');
    expect(uploads.html).toContain('Signatur: Eicar-Test-Signature');
    expect(uploads.html).toContain('rechnung.pdf');
    expect(uploads.html).not.toContain('Massenimport</td>');
    const mails = await getPage(t, admin, '/posteingang?kanal=mail');
    expect(mails.html).toContain('Über den Kanal „E-Mail“ ist noch nichts eingegangen.');
    expect((await getPage(t, fremd, '/posteingang?kanal=upload')).html).not.toContain('Akteneinsicht');
  });

  it('e-mail intake: an address is set up with its allow-list, the IMAP mailbox is set without ever showing the password', async () => {
    const bad = await postForm(t, admin, '/posteingang/mail', {
      adresse: 'keine-adresse',
      name: 'Poststelle',
      aktenplan: '',
      oe: '',
      absender: '@example.org\nkein absender',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Bitte geben Sie eine gültige E-Mail-Adresse an');
    expect(bad.html).toContain('Keine Adresse und keine @domain: kein, absender.');
    const created = await postForm(t, admin, '/posteingang/mail', {
      adresse: 'poststelle@nordhausen.example',
      name: 'Poststelle',
      aktenplan: '',
      oe: '',
      absender: '@example.org\nbuerger@web.de',
    });
    expect(created.status).toBe(303);
    const page = await getPage(t, admin, created.location!);
    expect(page.html).toContain('@example.org, buerger@web.de');
    expect(page.html).toContain('Für diese Adresse ist kein IMAP-Postfach eingerichtet.');
    expect(page.html).toContain('Der SMTP-Empfänger ist nicht eingeschaltet');
    const taken = await postForm(t, fremd, '/posteingang/mail', {
      adresse: 'poststelle@nordhausen.example',
      name: 'Fremd',
      aktenplan: '',
      oe: '',
      absender: '',
    });
    expect(taken.html).toContain('Die Adresse „poststelle@nordhausen.example“ ist schon vergeben.');

    const id = created.location!.split('?')[0]!.split('/').at(-1)!;
    const imapBad = await postForm(t, admin, `/posteingang/mail/${id}/imap`, {
      host: 'imap.kreis.example',
      port: 'neunhundert',
      tls: '1',
      benutzer: 'poststelle',
      passwort: 'geheim-123',
      ordner: 'INBOX',
      zielOrdner: '',
    });
    expect(imapBad.status).toBe(400);
    expect(imapBad.html).toContain('Der Port ist eine Zahl von 1 bis 65535');
    expect(imapBad.html).not.toContain('geheim-123');
    const imap = await postForm(t, admin, `/posteingang/mail/${id}/imap`, {
      host: 'imap.kreis.example',
      port: '993',
      tls: '1',
      benutzer: 'poststelle',
      passwort: 'geheim-123',
      ordner: 'INBOX',
      zielOrdner: 'Abgelegt',
    });
    expect(imap.status).toBe(303);
    const after = await getPage(t, admin, `/posteingang/mail/${id}`);
    expect(after.html).toContain('imap.kreis.example:993 (TLS)');
    expect(after.html).toContain('nach der Ablage in „Abgelegt“');
    expect(after.html).not.toContain('geheim-123');
    expect((await getPage(t, fremd, `/posteingang/mail/${id}`)).status).toBe(404);
    expect(
      (
        await postForm(t, fremd, `/posteingang/mail/${id}/imap`, {
          host: 'x',
          port: '993',
          benutzer: 'a',
          passwort: 'b',
        })
      ).status,
    ).toBe(404);
    expect((await getPage(t, clerk, `/posteingang/mail/${id}`)).status).toBe(403);
  });
});
