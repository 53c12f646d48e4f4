import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { imagePdf } from '../../../../test/support/scans.ts';
import { renderTextPdf } from '../../records/dokumente/text-pdf.ts';

let t: TestContext;
beforeAll(async () => {
  // 64 KiB upload limit: the large file of the tree fails with its reason.
  t = await createTestContext({ VERBUND_UPLOAD_LIMIT_MB: '0.0625' });
});
afterAll(() => t?.close());

/** A tree as a Registratur leaves it: folders, a manifest, a duplicate, temp files, one too large. */
async function makeTree(root: string) {
  await mkdir(path.join(root, 'Bauamt', '2019'), { recursive: true });
  await mkdir(path.join(root, 'Sozialamt'), { recursive: true });
  await writeFile(
    path.join(root, 'Bauamt', 'antrag.txt'),
    'Bauantrag für eine Garage in Nordhausen, Flurstück 12/3.',
  );
  await writeFile(
    path.join(root, 'Bauamt', '2019', 'bescheid.pdf'),
    await renderTextPdf('Bescheid', 'Baugenehmigung Garage'),
  );
  await writeFile(
    path.join(root, 'Sozialamt', 'wohngeld.txt'),
    'Wohngeldantrag der Familie Schäfer aus Bleicherode.',
  );
  // The same bytes as Bauamt/antrag.txt under another name: "seen again", not a second document.
  await writeFile(
    path.join(root, 'Sozialamt', 'kopie-antrag.txt'),
    'Bauantrag für eine Garage in Nordhausen, Flurstück 12/3.',
  );
  await writeFile(path.join(root, 'Sozialamt', 'gross.txt'), 'x'.repeat(70_000));
  await writeFile(path.join(root, 'Sozialamt', 'halb.pdf.part'), 'still being copied');
  await writeFile(path.join(root, 'Sozialamt', '~$wohngeld.docx'), 'office lock');
  await writeFile(
    path.join(root, 'manifest.csv'),
    'datei;titel;datum;absender\nSozialamt/wohngeld.txt;Wohngeldantrag Schäfer;24.06.2020;Familie Schäfer\n',
  );
}

const documentsOfAkte = async (tenant: string, akteId: string) =>
  (
    await t.superuser.query(
      `select d.titel, d.datum::text as datum, d.absender, v.betreff, dv.sha256 from dokumente d
       join vorgaenge v on v.id = d.vorgang_id and v.tenant_id = d.tenant_id
       join dokument_versionen dv on dv.dokument_id = d.id and dv.tenant_id = d.tenant_id
       where d.tenant_id = $1 and d.akte_id = $2 order by d.titel`,
      [tenant, akteId],
    )
  ).rows;

describe('bulk import of a directory tree', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'verbund-import-'));
    await makeTree(root);
  });

  it('files every file once into a Vorgang per folder, records the duplicate as seen again and the failure with its reason', async () => {
    const { run, resumed } = await t.services.importe.openRun({
      tenantId: 'nordhausen',
      actor: 'test',
      dir: root,
    });
    expect(resumed).toBe(false);
    expect(run.gesamt).toBe(5);
    const { finished } = await t.services.importe.execute({ run, actor: 'test' });
    expect(finished).toBe(true);
    const report = await t.services.importe.report({ tenantId: 'nordhausen', id: run.id });
    expect(report).toMatchObject({ status: 'fertig', importiert: 3, duplikate: 1, fehler: 1 });
    expect(report.fehlerliste).toEqual([
      {
        pfad: 'Sozialamt/gross.txt',
        grund: expect.stringContaining('größer als die Obergrenze'),
        dokumentId: null,
      },
    ]);
    // Which of the two identical files came first depends on the walk; the other one names it.
    expect(report.duplikatliste).toHaveLength(1);
    expect(report.duplikatliste[0]!.dokumentId).toBeTruthy();

    const docs = await documentsOfAkte('nordhausen', run.akteId);
    expect(docs.map((d) => d.betreff)).toEqual(
      expect.arrayContaining(['Import Bauamt/2019', 'Import Sozialamt']),
    );
    expect(new Set(docs.map((d) => d.sha256)).size).toBe(3);
    expect(docs.find((d) => d.titel === 'Wohngeldantrag Schäfer')).toMatchObject({
      datum: '2020-06-24',
      absender: 'Familie Schäfer',
      betreff: 'Import Sozialamt',
    });
    const seen = await t.superuser.query(
      `select gesehen from eingang_hashes where tenant_id = 'nordhausen' and dokument_id in
         (select dokument_id from import_dateien where lauf_id = $1 and status = 'duplikat')`,
      [run.id],
    );
    expect(seen.rows).toEqual([{ gesehen: 2 }]);
    await drainJobs(t);
    const search = await t.request(`/api/v1/suche?q=${encodeURIComponent('Bleicherode')}`, {
      token: await t.tokenFor('nordhausen'),
    });
    expect(search.json.items.map((i: { titel: string }) => i.titel)).toContain('Wohngeldantrag Schäfer');
  });

  it('a second import of the same tree files nothing again: every file is a duplicate of its first document', async () => {
    const { run, resumed } = await t.services.importe.openRun({
      tenantId: 'nordhausen',
      actor: 'test',
      dir: root,
    });
    expect(resumed).toBe(false);
    await t.services.importe.execute({ run, actor: 'test' });
    const report = await t.services.importe.report({ tenantId: 'nordhausen', id: run.id });
    expect(report).toMatchObject({ importiert: 0, duplikate: 4, fehler: 1 });
    expect(await documentsOfAkte('nordhausen', run.akteId)).toEqual([]);
  });

  it('the same bytes in another county are that county’s own documents', async () => {
    const { run } = await t.services.importe.openRun({ tenantId: 'wartburgkreis', actor: 'test', dir: root });
    await t.services.importe.execute({ run, actor: 'test' });
    const report = await t.services.importe.report({ tenantId: 'wartburgkreis', id: run.id });
    expect(report).toMatchObject({ importiert: 3, duplikate: 1, fehler: 1 });
  });

  it('an interrupted run resumes where it stopped: the same run, each file once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-import-resume-'));
    for (let i = 0; i < 12; i++)
      await writeFile(path.join(dir, `brief-${i}.txt`), `Schreiben Nummer ${i} an das Landratsamt`);
    const first = await t.services.importe.openRun({ tenantId: 'kyffhaeuserkreis', actor: 'test', dir });
    const controller = new AbortController();
    const partial = await t.services.importe.execute({
      run: first.run,
      actor: 'test',
      concurrency: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 4) controller.abort();
      },
    });
    expect(partial.finished).toBe(false);
    const between = await t.services.importe.report({ tenantId: 'kyffhaeuserkreis', id: first.run.id });
    expect(between.status).toBe('laeuft');
    expect(between.importiert).toBeGreaterThanOrEqual(4);
    expect(between.importiert).toBeLessThan(12);

    const second = await t.services.importe.openRun({ tenantId: 'kyffhaeuserkreis', actor: 'test', dir });
    expect(second).toMatchObject({ resumed: true, run: { id: first.run.id } });
    expect((await t.services.importe.execute({ run: second.run, actor: 'test' })).finished).toBe(true);
    const report = await t.services.importe.report({ tenantId: 'kyffhaeuserkreis', id: first.run.id });
    expect(report).toMatchObject({ status: 'fertig', importiert: 12, duplikate: 0, fehler: 0 });
    expect(await documentsOfAkte('kyffhaeuserkreis', first.run.akteId)).toHaveLength(12);
  });

  it('a bad manifest refuses the whole import and names every bad row', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-import-manifest-'));
    await writeFile(path.join(dir, 'a.txt'), 'A');
    await writeFile(
      path.join(dir, 'manifest.csv'),
      'datei;datum;art\na.txt;31.02.2020;eingang\n../b.txt;;\nc.txt;;brief\n',
    );
    await expect(
      t.services.importe.openRun({ tenantId: 'nordhausen', actor: 'test', dir }),
    ).rejects.toMatchObject({
      code: 'import.manifest_invalid',
      messageDe: expect.stringMatching(/Zeile 2: Datum „31\.02\.2020“.*Zeile 3: Datei.*Zeile 4: Art „brief“/),
    });
  });
});

describe('texts read during the import', () => {
  /** An 8 × 8 white greyscale PNG: made into a PDF with no text at all (a scan for the OCR). */
  const WHITE_PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAAAAADhZOFXAAAADklEQVR4nGP4DwUMlDEA98A/wbI0QbsAAAAASUVORK5CYII=',
    'base64',
  );
  const mailWithAttachment = [
    'From: Bürgerbüro <post@example.org>',
    'To: poststelle@nordhausen.example',
    'Subject: Unterlagen zum Bauantrag',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Anbei die Unterlagen.',
    '--b1',
    'Content-Type: text/plain; name="lageplan.txt"',
    'Content-Disposition: attachment; filename="lageplan.txt"',
    '',
    'Lageplan Flurstück 7',
    '--b1--',
    '',
  ].join('\r\n');

  it('a file the parsers read completely is filed with its text: searchable at once, no extraction job; scans and mails with attachments still go through the job', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-import-text-'));
    await writeFile(
      path.join(dir, 'bescheid.pdf'),
      await renderTextPdf('Bescheid', 'Die Zweckvereinbarung über den Katzenschutz wird verlängert.'),
    );
    await writeFile(path.join(dir, 'vermerk.txt'), 'Vermerk über die Wildschweinplage im Hainich.');
    await writeFile(path.join(dir, 'scan.pdf'), await imagePdf(WHITE_PNG));
    await writeFile(path.join(dir, 'mail.eml'), mailWithAttachment);
    const { run } = await t.services.importe.openRun({ tenantId: 'nordhausen', actor: 'test', dir });
    expect((await t.services.importe.execute({ run, actor: 'test' })).finished).toBe(true);

    // Before any job ran: the two born-digital files are done and carry their text.
    const { rows } = await t.superuser.query(
      `select dv.dateiname, d.text_status, dv.text_status as version_status, dv.text, dv.extractor,
              (select count(*)::int from jobs j where j.tenant_id = d.tenant_id and j.kind = 'records.extract'
                 and j.payload->>'dokumentId' = d.id::text) as jobs
       from dokumente d join dokument_versionen dv on dv.dokument_id = d.id and dv.tenant_id = d.tenant_id
       where d.tenant_id = 'nordhausen' and d.akte_id = $1 and d.parent_dokument_id is null order by dv.dateiname`,
      [run.akteId],
    );
    const byName = Object.fromEntries(rows.map((r) => [r.dateiname, r]));
    expect(byName['bescheid.pdf']).toMatchObject({
      text_status: 'done',
      version_status: 'done',
      extractor: 'pdf',
      jobs: 0,
    });
    expect(byName['bescheid.pdf'].text).toContain('Katzenschutz');
    expect(byName['vermerk.txt']).toMatchObject({ text_status: 'done', jobs: 0 });
    expect(byName['scan.pdf']).toMatchObject({ text_status: 'pending', text: null, jobs: 1 });
    expect(byName['mail.eml']).toMatchObject({ text_status: 'pending', jobs: 1 });

    const token = await t.tokenFor('nordhausen');
    const found = await t.request(`/api/v1/suche?q=${encodeURIComponent('Wildschweinplage')}`, { token });
    expect(found.json.items.map((i: { titel: string }) => i.titel)).toEqual(['vermerk']);
    // Their words reached the county's vocabulary: a typo is corrected to a word only they contain.
    const vocabulary = await t.superuser.query(
      `select schluessel from search_vocabulary where tenant_id = 'nordhausen' and schluessel in ('wildschweinplage', 'katzenschutz')`,
    );
    expect(vocabulary.rows.map((r) => r.schluessel).sort()).toEqual(['katzenschutz', 'wildschweinplage']);
    const typo = await t.request(`/api/v1/suche?q=${encodeURIComponent('Wildschweinplaage')}`, { token });
    expect(JSON.stringify(typo.json)).toContain('Wildschweinplage');
    // Not in another county's vocabulary.
    const elsewhere = await t.superuser.query(
      `select count(*)::int as n from search_vocabulary where tenant_id <> 'nordhausen' and schluessel = 'wildschweinplage'`,
    );
    expect(elsewhere.rows[0].n).toBe(0);

    // The job reads the rest as always: the mail's attachment becomes a document of its own.
    await drainJobs(t);
    const after = await t.superuser.query(
      `select d.titel, d.text_status from dokumente d where d.tenant_id = 'nordhausen' and d.akte_id = $1 order by d.titel`,
      [run.akteId],
    );
    expect(after.rows).toContainEqual({ titel: 'Anlage: lageplan.txt', text_status: 'done' });
    expect(after.rows.filter((r) => r.text_status === 'pending')).toEqual([]);
  });
});

describe('bulk import over the API', () => {
  it('runs as a background job in the county’s import folder and reports its progress', async () => {
    const token = await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']);
    const dir = path.join(t.config.intake.importRoot, 'unstrut-hainich-kreis', 'altbestand');
    await mkdir(path.join(dir, 'Kreistag'), { recursive: true });
    for (let i = 0; i < 5; i++)
      await writeFile(
        path.join(dir, 'Kreistag', `protokoll-${i}.txt`),
        `Niederschrift der Sitzung ${i} des Kreistages`,
      );
    const started = await t.request('/api/v1/importe', {
      token,
      json: { verzeichnis: 'altbestand', aktenplan: '00.20' },
    });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ status: 'laeuft', gesamt: 5, importiert: 0 });
    expect(started.json.aktenzeichen).toMatch(/^00\.20-/);
    expect(JSON.stringify(started.json)).not.toContain(dir);
    await drainJobs(t);
    const done = await t.request(`/api/v1/importe/${started.json.id}`, { token });
    expect(done.json).toMatchObject({
      status: 'fertig',
      gesamt: 5,
      verarbeitet: 5,
      importiert: 5,
      fehler: 0,
    });
    const list = await t.request('/api/v1/importe', { token });
    expect(list.json.items.map((i: { id: string }) => i.id)).toContain(started.json.id);
  });

  it('refuses paths outside the county’s folder (400), missing folders (422) and case workers (403)', async () => {
    const admin = await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']);
    const outside = await t.request('/api/v1/importe', {
      token: admin,
      json: { verzeichnis: '../nordhausen' },
    });
    expect(outside.status).toBe(400);
    expect(outside.json.code).toBe('import.source_outside_root');
    const absolute = await t.request('/api/v1/importe', { token: admin, json: { verzeichnis: '/etc' } });
    expect(absolute.status).toBe(400);
    const missing = await t.request('/api/v1/importe', {
      token: admin,
      json: { verzeichnis: 'gibt-es-nicht' },
    });
    expect(missing.status).toBe(422);
    expect(missing.json.detailDe).toContain('gibt-es-nicht');
    const clerk = await t.tokenFor('unstrut-hainich-kreis', ['sachbearbeitung']);
    expect(
      (await t.request('/api/v1/importe', { token: clerk, json: { verzeichnis: 'altbestand' } })).status,
    ).toBe(403);
  });
});
