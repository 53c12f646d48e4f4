import { type MailIntakeDeps, processSpool } from './mail.intake.ts';
import { unsafeLookupRecipient } from './mail.repository.ts';
import { createSmtpIntake } from './mail.smtp.ts';

/**
 * E-mail intake as the worker process runs it: the SMTP listener (when a port is configured) and
 * the loop that files what is spooled – woken by every accepted message, and every second anyway
 * (so messages spooled before a crash are filed after the restart).
 */
export function createMailIntakeRunner({
  deps,
  smtp,
  pollMs = 1000,
}: {
  deps: MailIntakeDeps;
  smtp: { host: string; port: number; maxBytes: number } | null;
  pollMs?: number;
}) {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let pending = false;
  const kick = () => {
    pending = true;
    wake?.();
  };
  const listener = smtp
    ? createSmtpIntake({
        ...smtp,
        spoolDir: deps.spoolDir,
        lookup: (address) => unsafeLookupRecipient(deps.database, address),
        logger: deps.logger,
        onSpooled: kick,
      })
    : null;
  return {
    processSpool: () => processSpool(deps),
    /** Starts listener and loop; resolves with the SMTP port (null without listener). */
    async start() {
      if (running) return null;
      running = true;
      const port = listener ? await listener.listen() : null;
      loop = (async () => {
        while (running) {
          pending = false;
          await processSpool(deps).catch((error) =>
            deps.logger.warn({ err: error }, 'mail intake pass failed'),
          );
          if (pending) continue;
          // Stopped during the pass: no pause (stop() would wait for it).
          if (!running) break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
        }
      })();
      return port;
    },
    async stop() {
      running = false;
      wake?.();
      await listener?.close();
      await loop;
    },
  };
}

export type MailIntakeRunner = ReturnType<typeof createMailIntakeRunner>;
