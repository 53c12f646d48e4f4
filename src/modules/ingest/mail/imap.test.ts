import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { type DovecotHandle, dovecotInstalled, startDovecot } from '../../../../test/support/dovecot.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { createLogger } from '../../../platform/logger.ts';
import {
  createAkteInTrx,
  createVorgangInTrx,
  fileDokument,
  loadVorgangContext,
} from '../../records/records.module.ts';
import { IMAP_ABGELEHNT } from './imap.poll.ts';
import { createImapIntakeRunner, pollAllImap } from './imap.runner.ts';
import type { MailIntakeDeps } from './mail.intake.ts';

// A test that needs Dovecot fails in CI when it is missing; elsewhere it is skipped.
const run = dovecotInstalled() || process.env.CI ? describe : describe.skip;
const TENANT = 'unstrut-hainich-kreis';

let t: TestContext;
let dovecot: DovecotHandle;
let deps: MailIntakeDeps;
let eingangId: string;
const tenants = async () => [TENANT];

const rawMail = (n: number, subject: string, from = 'buerger@example.org') =>
  [
    `From: Bürger <${from}>`,
    'To: poststelle-imap@uhk.verbund.test',
    `Subject: ${subject}`,
    `Message-ID: <imap-${n}@example.org>`,
    'Date: Sun, 6 Dec 2026 08:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="grenze"',
    '',
    '--grenze',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Sehr geehrte Damen und Herren, anbei mein Antrag.',
    '--grenze',
    'Content-Type: text/plain; charset=utf-8; name="antrag.txt"',
    'Content-Disposition: attachment; filename="antrag.txt"',
    '',
    `Antrag Nummer ${n} für Familie Schäfer in Mühlhausen.`,
    '--grenze--',
    '',
  ].join('\r\n');

/** A second IMAP client, as the mail server's other users see the mailbox. */
async function mailbox<T>(work: (client: ImapFlow) => Promise<T>) {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}
const folder = (name: string) =>
  mailbox(async (client) => {
    const lock = await client.getMailboxLock(name);
    try {
      const list: { uid: number; flags: string[]; subject: string }[] = [];
      for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true })) {
        list.push({ uid: m.uid, flags: [...(m.flags ?? [])], subject: m.envelope?.subject ?? '' });
      }
      return list;
    } catch {
      return [];
    } finally {
      lock.release();
    }
  });
const mailDocuments = async () =>
  (
    await t.superuser.query(
      `select d.titel, d.parent_dokument_id, v.betreff from dokumente d
       join vorgaenge v on v.id = d.vorgang_id and v.tenant_id = d.tenant_id
       where d.tenant_id = $1 and v.betreff like 'E-Mail: %' order by d.created_at`,
      [TENANT],
    )
  ).rows;
/** Sets the mailbox through the API, as the Kreis-Administration does. */
const setPostfach = async (zielOrdner: string | null) => {
  const token = await t.tokenFor(TENANT, ['kreis-admin']);
  const set = await t.request(`/api/v1/mail-eingaenge/${eingangId}/imap`, {
    token,
    method: 'PUT',
    json: {
      host: dovecot.host,
      port: dovecot.port,
      tls: false,
      benutzer: dovecot.user,
      passwort: dovecot.password,
      ordner: 'INBOX',
      zielOrdner,
    },
  });
  expect(set.status).toBe(200);
  expect(set.json).not.toHaveProperty('passwort');
  expect(set.json).toMatchObject({ passwortGesetzt: true, zielOrdner });
};

run('e-mail intake by polling an IMAP mailbox (real Dovecot)', () => {
  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await createTestContext();
    deps = {
      database: t.services.database,
      blobs: t.services.blobs,
      filing: { fileDokument, createAkteInTrx, createVorgangInTrx, loadVorgangContext },
      spoolDir: await mkdtemp(path.join(tmpdir(), 'verbund-imap-spool-')),
      logger: createLogger({ level: 'silent' }),
    };
    const token = await t.tokenFor(TENANT, ['kreis-admin']);
    const created = await t.request('/api/v1/mail-eingaenge', {
      token,
      json: {
        adresse: 'poststelle-imap@uhk.verbund.test',
        name: 'Postfach',
        aktenplan: '00.40',
        absender: ['@example.org'],
      },
    });
    expect(created.status).toBe(201);
    eingangId = (created.json as { id: string }).id;
    await setPostfach('Abgelegt');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  it('leaves a message in the folder, unflagged, while its filing fails, and moves it only after the commit', async () => {
    await mailbox((c) => c.append('INBOX', rawMail(1, 'Antrag über IMAP')));
    const failing: MailIntakeDeps = {
      ...deps,
      filing: {
        ...deps.filing,
        fileDokument: async () => {
          throw new Error('Ablage nicht möglich');
        },
      },
    };
    expect(await pollAllImap(failing, tenants)).toMatchObject({ abgelegt: 0, fehler: 1 });
    expect(await folder('INBOX')).toMatchObject([{ subject: 'Antrag über IMAP', flags: [] }]);
    expect(await mailDocuments()).toHaveLength(0);

    expect(await pollAllImap(deps, tenants)).toMatchObject({ abgelegt: 1, fehler: 0 });
    expect(await folder('INBOX')).toEqual([]);
    expect(await folder('Abgelegt')).toMatchObject([{ subject: 'Antrag über IMAP' }]);
    await drainJobs(t);
    const docs = await mailDocuments();
    expect(docs).toHaveLength(2);
    expect(docs[0]).toMatchObject({ betreff: 'E-Mail: Antrag über IMAP', parent_dokument_id: null });
    expect(docs[1]).toMatchObject({
      titel: expect.stringContaining('antrag'),
      parent_dokument_id: expect.any(String),
    });
  });

  it('refuses a sender off the allow-list: flagged, left in the folder, never filed', async () => {
    await mailbox((c) => c.append('INBOX', rawMail(2, 'Werbung', 'fremd@spam.test')));
    expect(await pollAllImap(deps, tenants)).toMatchObject({ abgelegt: 0, abgelehnt: 1 });
    expect(await folder('INBOX')).toMatchObject([{ subject: 'Werbung', flags: [IMAP_ABGELEHNT] }]);
    expect(await mailDocuments()).toHaveLength(2);
  });

  it('after a restart (a new connection, the state from the database) files nothing twice, also after UIDVALIDITY changes', async () => {
    await setPostfach(null);
    await mailbox((c) => c.append('INBOX', rawMail(3, 'Zweiter Antrag')));
    expect(await pollAllImap(deps, tenants)).toMatchObject({ abgelegt: 1, abgelehnt: 0 });
    expect((await folder('INBOX')).find((m) => m.subject === 'Zweiter Antrag')?.flags).toEqual(
      expect.arrayContaining(['\\Seen', '$VerbundAbgelegt']),
    );
    await drainJobs(t);
    expect(await mailDocuments()).toHaveLength(4);
    // Restart: nothing new above the stored UID.
    expect(await pollAllImap(deps, tenants)).toEqual({
      abgelegt: 0,
      duplikat: 0,
      quarantaene: 0,
      abgelehnt: 0,
      fehler: 0,
    });
    const { rows } = await t.superuser.query(
      'select uidvalidity, letzte_uid from mail_imap_postfaecher where eingang_id = $1',
      [eingangId],
    );
    expect(Number(rows[0].letzte_uid)).toBe(3);
    // The server's UIDVALIDITY differs from the stored one: the folder is re-scanned, and the message
    // already taken is recognised by its Message-ID.
    await t.superuser.query('update mail_imap_postfaecher set uidvalidity = 1 where eingang_id = $1', [
      eingangId,
    ]);
    expect(await pollAllImap(deps, tenants)).toMatchObject({ abgelegt: 0, duplikat: 1, abgelehnt: 1 });
    await drainJobs(t);
    expect(await mailDocuments()).toHaveLength(4);
  });
  it('the worker loop files a new message on its own and stops at once', async () => {
    const runner = createImapIntakeRunner({ deps, tenants, pollMs: 100 });
    runner.start();
    await mailbox((c) => c.append('INBOX', rawMail(4, 'Dritter Antrag')));
    const deadline = Date.now() + 15_000;
    while (
      !(await folder('INBOX')).find((m) => m.subject === 'Dritter Antrag')?.flags.includes('$VerbundAbgelegt')
    ) {
      if (Date.now() > deadline) throw new Error('nicht abgelegt');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).toBeLessThan(5000);
    await drainJobs(t);
    expect(await mailDocuments()).toHaveLength(6);
  });
  it('refuses a bad mailbox configuration with a 400 and an unknown intake with a 404', async () => {
    const token = await t.tokenFor(TENANT, ['kreis-admin']);
    const bad = await t.request(`/api/v1/mail-eingaenge/${eingangId}/imap`, {
      token,
      method: 'PUT',
      json: { host: 'imap.example.org', port: 70_000, benutzer: 'x', passwort: 'y' },
    });
    expect(bad.status).toBe(400);
    const unknown = await t.request('/api/v1/mail-eingaenge/00000000-0000-4000-8000-000000000000/imap', {
      token,
    });
    expect(unknown.status).toBe(404);
    const status = await t.request(`/api/v1/mail-eingaenge/${eingangId}/imap`, { token });
    expect(status.json).toMatchObject({
      letzteUid: expect.any(Number),
      letzterFehler: null,
      passwortGesetzt: true,
    });
  });
});
