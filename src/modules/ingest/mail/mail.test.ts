import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { createLogger } from '../../../platform/logger.ts';
import {
  createAkteInTrx,
  createVorgangInTrx,
  fileDokument,
  loadVorgangContext,
} from '../../records/records.module.ts';
import { type MailIntakeDeps, processSpool } from './mail.intake.ts';
import { authenticationResults, senderAllowed } from './mail.models.ts';
import { unsafeLookupRecipient } from './mail.repository.ts';
import { createSmtpIntake } from './mail.smtp.ts';

let t: TestContext;
let smtp: ReturnType<typeof createSmtpIntake>;
let port: number;
let deps: MailIntakeDeps;
const ADDRESS = 'poststelle@uhk.verbund.test';

beforeAll(async () => {
  t = await createTestContext();
  const spoolDir = await mkdtemp(path.join(tmpdir(), 'verbund-mail-spool-'));
  const logger = createLogger({ level: 'silent' });
  deps = {
    database: t.services.database,
    blobs: t.services.blobs,
    filing: { fileDokument, createAkteInTrx, createVorgangInTrx, loadVorgangContext },
    spoolDir,
    logger,
  };
  smtp = createSmtpIntake({
    host: '127.0.0.1',
    port: 0,
    maxBytes: 20_000,
    spoolDir,
    lookup: (address) => unsafeLookupRecipient(t.services.database, address),
    logger,
  });
  port = await smtp.listen();
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

/** A raw message (fixed bytes: a resend is the same message) with a text attachment. */
const rawMail = (subject: string, from = 'buerger@example.org') =>
  Buffer.from(
    [
      'Authentication-Results: mx.uhk.verbund.test; spf=pass smtp.mailfrom=example.org; dkim=fail header.d=example.org',
      `From: Bürger <${from}>`,
      `To: ${ADDRESS}`,
      `Subject: ${subject}`,
      'Message-ID: <test-1@example.org>',
      'Date: Sun, 6 Dec 2026 08:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="grenze"',
      '',
      '--grenze',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Sehr geehrte Damen und Herren, anbei mein Antrag auf Wohngeld.',
      '--grenze',
      'Content-Type: text/plain; charset=utf-8; name="antrag.txt"',
      'Content-Disposition: attachment; filename="antrag.txt"',
      '',
      'Antrag auf Wohngeld für Familie Schäfer in Mühlhausen.',
      '--grenze--',
      '',
    ].join('\r\n'),
  );

const send = (to: string, raw: Buffer, from = 'buerger@example.org') =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
    .sendMail({ envelope: { from, to: [to] }, raw });

describe('e-mail intake over the product’s SMTP listener', () => {
  beforeAll(async () => {
    const token = await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']);
    const created = await t.request('/api/v1/mail-eingaenge', {
      token,
      json: { adresse: ADDRESS, name: 'Poststelle', aktenplan: '00.40', absender: ['@example.org'] },
    });
    expect(created.status).toBe(201);
  });

  it('answers 250 only once the message lies durably in the spool, then files it with its attachment in one Vorgang', async () => {
    const info = await send(ADDRESS, rawMail('Antrag auf Wohngeld'));
    expect(info.response).toMatch(/^250/);
    // Before anything is filed, the accepted message is in spool/new (written with fsync).
    expect(await readdir(path.join(deps.spoolDir, 'new'))).toHaveLength(1);
    expect(await processSpool(deps)).toMatchObject({ abgelegt: 1 });
    expect(await readdir(path.join(deps.spoolDir, 'new'))).toHaveLength(0);
    await drainJobs(t);
    const { rows } = await t.superuser.query(
      `select d.titel, d.absender, d.metadaten, d.parent_dokument_id, v.betreff from dokumente d
       join vorgaenge v on v.id = d.vorgang_id and v.tenant_id = d.tenant_id
       where d.tenant_id = 'unstrut-hainich-kreis' and v.betreff = 'E-Mail: Antrag auf Wohngeld' order by d.created_at`,
    );
    expect(rows).toHaveLength(2);
    const meta = Object.fromEntries(
      rows[0].metadaten.map((m: { name: string; wert: string }) => [m.name, m.wert]),
    );
    expect(meta).toMatchObject({
      SPF: 'pass',
      DKIM: 'fail',
      DMARC: 'nicht geprüft',
      Absender: 'buerger@example.org',
    });
    expect(rows[1]).toMatchObject({
      titel: expect.stringContaining('antrag'),
      parent_dokument_id: expect.any(String),
    });
  });

  it('a resent identical message is recorded as seen again, not filed twice', async () => {
    await send(ADDRESS, rawMail('Antrag auf Wohngeld'));
    expect(await processSpool(deps)).toMatchObject({ abgelegt: 0, duplikat: 1 });
  });

  it('refuses unknown recipients (550), senders off the allow-list (550) and oversize messages (552)', async () => {
    await expect(send('niemand@uhk.verbund.test', rawMail('x'))).rejects.toMatchObject({ responseCode: 550 });
    await expect(send(ADDRESS, rawMail('x', 'fremd@spam.test'), 'fremd@spam.test')).rejects.toMatchObject({
      responseCode: 550,
    });
    const big = Buffer.concat([rawMail('Groß'), Buffer.alloc(30_000, 'a')]);
    await expect(send(ADDRESS, big)).rejects.toMatchObject({ responseCode: 552 });
    expect(await readdir(path.join(deps.spoolDir, 'new'))).toHaveLength(0);
  });

  it('finds the county of a recipient only through mail_eingang_fuer, and only for active addresses', async () => {
    expect(await unsafeLookupRecipient(t.services.database, 'POSTSTELLE@uhk.verbund.test')).toMatchObject({
      tenantId: 'unstrut-hainich-kreis',
      absender: ['@example.org'],
    });
    await t.superuser.query(`update mail_eingaenge set aktiv = false where adresse = $1`, [ADDRESS]);
    expect(await unsafeLookupRecipient(t.services.database, ADDRESS)).toBeUndefined();
    await t.superuser.query(`update mail_eingaenge set aktiv = true where adresse = $1`, [ADDRESS]);
    // The application role cannot read the table across counties directly.
    await expect(
      t.services.database.db
        .selectFrom('mail_eingaenge' as never)
        .selectAll()
        .execute(),
    ).resolves.toEqual([]);
  });
});

describe('mail rules', () => {
  it('allow-lists take addresses and @domains; an empty list lets everyone write', () => {
    expect(senderAllowed([], 'a@b.de')).toBe(true);
    expect(senderAllowed(['@example.org'], 'X@Example.org')).toBe(true);
    expect(senderAllowed(['amt@example.org'], 'anderer@example.org')).toBe(false);
  });
  it('reads SPF, DKIM and DMARC verdicts from Authentication-Results', () => {
    expect(
      authenticationResults(['mx; spf=softfail smtp.mailfrom=a.de; dkim=pass header.d=a.de; dmarc=pass']),
    ).toEqual({
      spf: 'softfail',
      dkim: 'pass',
      dmarc: 'pass',
    });
    expect(authenticationResults([])).toEqual({ spf: null, dkim: null, dmarc: null });
  });
});
