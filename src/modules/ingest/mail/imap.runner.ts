import { setTimeout as sleep } from 'node:timers/promises';
import { pollImapPostfach } from './imap.poll.ts';
import { listActivePostfaecher, recordImapFehler } from './imap.repository.ts';
import type { MailIntakeDeps } from './mail.intake.ts';

/** Polls every active IMAP mailbox of every county once; a failing mailbox keeps its reason. */
export async function pollAllImap(deps: MailIntakeDeps, tenants: () => Promise<string[]>) {
  const totals = { abgelegt: 0, duplikat: 0, quarantaene: 0, abgelehnt: 0, fehler: 0 };
  for (const tenantId of await tenants()) {
    const postfaecher = await deps.database.withTenant(tenantId, (trx) => listActivePostfaecher(trx));
    for (const postfach of postfaecher) {
      try {
        const counts = await pollImapPostfach(deps, { tenantId, postfach });
        for (const key of Object.keys(counts) as (keyof typeof counts)[]) totals[key] += counts[key];
      } catch (error) {
        totals.fehler += 1;
        deps.logger.warn({ err: error, eingang: postfach.eingangId }, 'imap intake: mailbox not polled');
        await deps.database
          .withTenant(tenantId, (trx) =>
            recordImapFehler(trx, {
              eingangId: postfach.eingangId,
              fehler: String((error as Error).message ?? error).slice(0, 1000),
            }),
          )
          .catch(() => undefined);
      }
    }
  }
  return totals;
}

/** The worker's IMAP loop: one pass over all mailboxes, then a pause (default 30 s). */
export function createImapIntakeRunner({
  deps,
  tenants,
  pollMs = 30_000,
}: {
  deps: MailIntakeDeps;
  tenants: () => Promise<string[]>;
  pollMs?: number;
}) {
  let running = false;
  let loop: Promise<void> | undefined;
  let pause = new AbortController();
  return {
    poll: () => pollAllImap(deps, tenants),
    start() {
      if (running) return;
      running = true;
      pause = new AbortController();
      loop = (async () => {
        while (running) {
          await pollAllImap(deps, tenants).catch((error) =>
            deps.logger.warn({ err: error }, 'imap intake pass failed'),
          );
          // stop() aborts the pause at once.
          if (running) await sleep(pollMs, undefined, { signal: pause.signal }).catch(() => undefined);
        }
      })();
    },
    async stop() {
      running = false;
      pause.abort();
      await loop;
    },
  };
}
