import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import PostalMime from 'postal-mime';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Logger } from '../../../platform/logger.ts';
import { isAppError } from '../../../shared/errors.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { registerIntake } from '../import/eingang-register.repository.ts';
import { type IntakeFiling, type IntakeScanner, scanBeforeFiling } from '../import/intake-filing.ts';
import { authenticationResults } from './mail.models.ts';
import { findEingang, insertNachricht } from './mail.repository.ts';
import { listSpool, type SpooledMessage } from './mail.spool.ts';

export type MailIntakeDeps = {
  database: DatabaseHandle;
  blobs: BlobStore;
  filing: IntakeFiling;
  scanner?: IntakeScanner;
  spoolDir: string;
  logger: Logger;
};

/**
 * Files one spooled message: the raw message (its SHA-256 registered, so a resent copy is "seen
 * again") becomes a document in a new Vorgang „E-Mail: <Betreff>“ of the intake's Akte, with sender,
 * Message-ID and the SPF/DKIM/DMARC verdicts of `Authentication-Results` as metadata; its attachments
 * become documents of the same Vorgang through the e-mail extractor of the extraction job. The spool
 * file is removed only after the commit.
 */
export async function fileSpooledMessage(deps: MailIntakeDeps, message: SpooledMessage) {
  const raw = await readFile(message.file);
  const blob = await deps.blobs.put(raw);
  const mail = await PostalMime.parse(raw).catch(() => null);
  const subject = (mail?.subject ?? '').trim() || '(ohne Betreff)';
  const from = mail?.from && 'address' in mail.from ? (mail.from.address ?? '') : '';
  const auth = authenticationResults(
    (mail?.headers ?? []).filter((h) => h.key === 'authentication-results').map((h) => h.value),
  );
  const actor = `mail:${message.eingangId}`;
  const verdict = await scanBeforeFiling(deps, {
    tenantId: message.tenantId,
    actor,
    source: 'intake.mail',
    fileName: 'nachricht.eml',
    sha256: blob.sha256,
    open: () =>
      (async function* () {
        yield raw;
      })(),
  });
  if (!verdict.ok) {
    // Infected or not scannable: never filed; kept in quarantine for the administration (audited).
    const quarantine = path.join(deps.spoolDir, 'quarantaene');
    await mkdir(quarantine, { recursive: true });
    await rename(message.file, path.join(quarantine, path.basename(message.file)));
    await writeFile(path.join(quarantine, `${path.basename(message.file)}.grund.txt`), `${verdict.grund}\n`);
    return 'quarantaene' as const;
  }
  const outcome = await deps.database.withTenant(message.tenantId, async (trx) => {
    const eingang = await findEingang(trx, message.eingangId);
    if (!eingang) return 'verworfen' as const;
    const seen = await registerIntake(trx, { sha256: blob.sha256, quelle: 'mail' });
    if (!seen.neu) {
      await insertNachricht(trx, {
        eingangId: eingang.id,
        messageId: mail?.messageId ?? null,
        sha256: blob.sha256,
        status: 'duplikat',
        dokumentId: seen.dokumentId,
      });
      return 'duplikat' as const;
    }
    const vorgang = await deps.filing.createVorgangInTrx(trx, actor, eingang.akteId, {
      betreff: `E-Mail: ${subject}`.slice(0, 500),
      zustaendigOe: eingang.oe,
    });
    const context = await deps.filing.loadVorgangContext(trx, vorgang.id);
    const meta = [
      ['Absender', from],
      ['Message-ID', mail?.messageId ?? ''],
      ['SPF', auth.spf ?? 'nicht geprüft'],
      ['DKIM', auth.dkim ?? 'nicht geprüft'],
      ['DMARC', auth.dmarc ?? 'nicht geprüft'],
    ].map(([name, wert]) => ({ name: name!, typ: 'text' as const, wert: wert!.slice(0, 2000) }));
    const filed = await deps.filing.fileDokument({
      trx,
      dokumentId: seen.dokumentId,
      actor,
      vorgang: { id: vorgang.id, akteId: eingang.akteId, context },
      file: { fileName: `${subject.slice(0, 80)}.eml`, blob },
      fields: { titel: subject.slice(0, 500), absender: from || null, metadaten: meta },
    });
    await insertNachricht(trx, {
      eingangId: eingang.id,
      messageId: mail?.messageId ?? null,
      sha256: blob.sha256,
      status: 'abgelegt',
      dokumentId: filed.id,
    });
    return 'abgelegt' as const;
  });
  await rm(message.file, { force: true });
  return outcome;
}

/** Files every message of the spool (oldest first); a message that fails stays for the next pass. */
export async function processSpool(deps: MailIntakeDeps) {
  const counts = { abgelegt: 0, duplikat: 0, verworfen: 0, quarantaene: 0, wartet: 0 };
  for (const message of await listSpool(deps.spoolDir)) {
    try {
      counts[await fileSpooledMessage(deps, message)] += 1;
    } catch (error) {
      counts.wartet += 1;
      deps.logger.warn(
        { err: error, datei: path.basename(message.file), app: isAppError(error) },
        'mail intake: message not filed yet',
      );
    }
  }
  return counts;
}
