import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { Logger } from '../../../platform/logger.ts';
import { senderAllowed } from './mail.models.ts';
import { SpoolTooLarge, spoolMessage } from './mail.spool.ts';

export type IntakeAddress = { tenantId: string; id: string; absender: string[] };

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/**
 * The product's own SMTP listener for intake addresses. RCPT TO: unknown or inactive address →
 * 550, sender not on the intake's allow-list → 550 5.7.1. DATA: over `maxBytes` → 552; otherwise the
 * message is spooled durably (fsync) and only then answered 250. One intake per message (a second
 * recipient of another intake is refused with 452 so the sender retries it separately).
 */
export function createSmtpIntake({
  host,
  port,
  maxBytes,
  spoolDir,
  lookup,
  logger,
  onSpooled,
}: {
  host: string;
  port: number;
  maxBytes: number;
  spoolDir: string;
  lookup: (address: string) => Promise<IntakeAddress | undefined>;
  logger: Logger;
  onSpooled?: () => void;
}) {
  const intakes = new WeakMap<object, IntakeAddress>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    banner: 'Verbund Posteingang',
    logger: false,
    async onRcptTo(address: SMTPServerAddress, session, callback) {
      try {
        const intake = await lookup(address.address);
        if (!intake) return callback(smtpError(550, '5.1.1 Unbekannter Empfaenger'));
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        if (!senderAllowed(intake.absender, sender))
          return callback(smtpError(550, '5.7.1 Absender fuer diesen Eingang nicht zugelassen'));
        const chosen = intakes.get(session);
        if (chosen && chosen.id !== intake.id) return callback(smtpError(452, '4.5.3 Bitte getrennt senden'));
        intakes.set(session, intake);
        callback();
      } catch (error) {
        logger.warn({ err: error }, 'smtp intake: recipient lookup failed');
        callback(smtpError(451, '4.3.0 Voruebergehend nicht verfuegbar'));
      }
    },
    async onData(stream, session, callback) {
      const intake = intakes.get(session);
      if (!intake) {
        stream.resume();
        return callback(smtpError(503, '5.5.1 Kein Empfaenger'));
      }
      try {
        const name = await spoolMessage(spoolDir, {
          tenantId: intake.tenantId,
          eingangId: intake.id,
          stream,
          maxBytes,
        });
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          await rm(path.join(spoolDir, 'new', name), { force: true });
          return callback(smtpError(552, '5.3.4 Nachricht zu gross'));
        }
        callback();
        onSpooled?.();
      } catch (error) {
        if (error instanceof SpoolTooLarge || (stream as { sizeExceeded?: boolean }).sizeExceeded)
          return callback(smtpError(552, '5.3.4 Nachricht zu gross'));
        logger.error({ err: error }, 'smtp intake: spooling failed');
        callback(smtpError(451, '4.3.0 Voruebergehend nicht verfuegbar'));
      }
    },
  });
  server.on('error', (error) => logger.warn({ err: error }, 'smtp intake error'));
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(port, host, () => resolve((server.server.address() as AddressInfo).port)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
