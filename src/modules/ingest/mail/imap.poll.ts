import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { type ImapPostfach, messageIdKnown, recordImapState } from './imap.repository.ts';
import { fileSpooledMessage, type MailIntakeDeps } from './mail.intake.ts';
import { senderAllowed } from './mail.models.ts';
import { findEingang } from './mail.repository.ts';

/** Keyword set on a message taken in (without target folder) and on one refused by the allow-list. */
export const IMAP_ABGELEGT = '$VerbundAbgelegt';
export const IMAP_ABGELEHNT = '$VerbundAbgelehnt';

export type ImapCounts = { abgelegt: number; duplikat: number; quarantaene: number; abgelehnt: number };

/**
 * One pass over the mailbox of an intake: every message with a UID above the one taken last (under
 * the same UIDVALIDITY) is filed through the same path as an SMTP message (its SHA-256 registered in
 * the filing transaction); only after that commit is it moved to the target folder (or flagged), and
 * only then is its UID recorded. A crash between commit and move re-reads the message next time and
 * finds its bytes registered (“seen again”, no second document). A changed UIDVALIDITY re-scans the
 * folder from UID 1; messages whose Message-ID the intake already took are not filed again.
 */
export async function pollImapPostfach(
  deps: MailIntakeDeps,
  { tenantId, postfach }: { tenantId: string; postfach: ImapPostfach },
) {
  const counts: ImapCounts = { abgelegt: 0, duplikat: 0, quarantaene: 0, abgelehnt: 0 };
  // Loaded on first use: importing imapflow costs about a third of a second of CPU in every process.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: postfach.host,
    port: postfach.port,
    secure: postfach.tls,
    auth: { user: postfach.benutzer, pass: postfach.passwort },
    logger: false,
  });
  await client.connect();
  try {
    if (postfach.zielOrdner) await client.mailboxCreate(postfach.zielOrdner).catch(() => undefined);
    const lock = await client.getMailboxLock(postfach.ordner);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) throw new Error('IMAP-Ordner nicht geöffnet');
      const uidvalidity = BigInt(mailbox.uidValidity);
      const rescan = postfach.uidvalidity !== null && postfach.uidvalidity !== uidvalidity;
      const after = rescan ? 0 : postfach.letzteUid;
      const found = await client.search({ uid: `${after + 1}:*` }, { uid: true });
      const uids = (Array.isArray(found) ? found : []).filter((uid) => uid > after).sort((a, b) => a - b);
      const eingang = await deps.database.withTenant(tenantId, (trx) => findEingang(trx, postfach.eingangId));
      if (!eingang) return counts;
      const spool = path.join(deps.spoolDir, 'imap');
      await mkdir(spool, { recursive: true });
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (message === false || !message.source) continue;
        const raw = message.source;
        const mail = await PostalMime.parse(raw).catch(() => null);
        const from = mail?.from && 'address' in mail.from ? (mail.from.address ?? '') : '';
        let outcome: keyof ImapCounts;
        if (!senderAllowed(eingang.absender, from)) {
          outcome = 'abgelehnt';
        } else if (
          rescan &&
          mail?.messageId &&
          (await deps.database.withTenant(tenantId, (trx) =>
            messageIdKnown(trx, { eingangId: eingang.id, messageId: mail.messageId! }),
          ))
        ) {
          outcome = 'duplikat';
        } else {
          const file = path.join(spool, `${tenantId}~${eingang.id}~${uidvalidity}-${uid}.eml`);
          await writeFile(file, raw, { mode: 0o600 });
          const filed = await fileSpooledMessage(deps, { file, tenantId, eingangId: eingang.id });
          if (filed === 'verworfen') return counts;
          outcome = filed;
        }
        counts[outcome] += 1;
        // Committed (or refused): only now does the message leave the folder or get its flag.
        if (outcome === 'abgelehnt') {
          await client.messageFlagsAdd(String(uid), [IMAP_ABGELEHNT], { uid: true });
          deps.logger.warn({ eingang: eingang.id, uid }, 'imap intake: sender not on the allow-list');
        } else if (postfach.zielOrdner) {
          await client.messageMove(String(uid), postfach.zielOrdner, { uid: true });
        } else {
          await client.messageFlagsAdd(String(uid), ['\\Seen', IMAP_ABGELEGT], { uid: true });
        }
        await deps.database.withTenant(tenantId, (trx) =>
          recordImapState(trx, { eingangId: eingang.id, uidvalidity, letzteUid: uid, fehler: null }),
        );
      }
      if (uids.length === 0 || rescan) {
        await deps.database.withTenant(tenantId, (trx) =>
          recordImapState(trx, {
            eingangId: eingang.id,
            uidvalidity,
            letzteUid: uids.at(-1) ?? after,
            fehler: null,
          }),
        );
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return counts;
}
