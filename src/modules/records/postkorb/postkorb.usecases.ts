import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { loadVisibleDokument } from '../dokumente/dokumente.repository.ts';
import { inViewerTenant } from '../viewer/viewer.ts';
import { loadVisibleVorgang } from '../vorgaenge/vorgaenge.usecases.ts';
import { postkorbNoPerson } from './postkorb.errors.ts';
import { type Bereich, markSeen, readPostkorb } from './postkorb.repository.ts';

/**
 * The Postkorb of a person: what is new for them or their OE (Vorgänge and documents they have
 * not opened yet), Wiedervorlagen that are due, and Fristen that end within `fristTage` days.
 */
export function createPostkorbUsecases({ database }: { database: DatabaseHandle }) {
  const inTenant = inViewerTenant(database);

  /** Marks a Vorgang or document as seen by the person (it leaves their "new" lists). */
  async function markSeenBy(principal: Principal, objektTyp: 'vorgang' | 'dokument', objektId: string) {
    const userId = principal.userId;
    if (!userId) return;
    await inTenant(principal, async (trx, viewer) => {
      if (objektTyp === 'vorgang') await loadVisibleVorgang(trx, viewer, objektId);
      else await loadVisibleDokument(trx, viewer, objektId);
      await markSeen(trx, { userId, objektTyp, objektId });
    });
  }

  return {
    async postkorb(principal: Principal, options: { bereich: Bereich; fristTage?: number }) {
      if (!principal.userId) throw postkorbNoPerson();
      const fristTage = Math.min(Math.max(options.fristTage ?? 7, 0), 365);
      return inTenant(principal, (trx, viewer) =>
        readPostkorb(trx, { viewer, login: principal.login, bereich: options.bereich, fristTage }),
      );
    },

    /**
     * Opening a Vorgang (with its documents shown) or a document takes them out of the person's
     * "new" lists; nothing for a token that represents no person.
     */
    async markOpened(principal: Principal, opened: { vorgangId?: string; dokumentIds: string[] }) {
      if (!principal.userId) return;
      if (opened.vorgangId) await markSeenBy(principal, 'vorgang', opened.vorgangId);
      for (const id of opened.dokumentIds) await markSeenBy(principal, 'dokument', id);
    },

    markSeen: markSeenBy,
  };
}

export type PostkorbUsecases = ReturnType<typeof createPostkorbUsecases>;
