import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { mitgliederRepository } from '../mitglieder/mitglieder.repository.ts';
import { zweckvereinbarungRepository as repo } from './zweckvereinbarung.repository.ts';

export function createZweckvereinbarungUsecases({ database }: { database: DatabaseHandle }) {
  const { db } = database;
  return {
    /** The Verbund at a glance: members, the Zweckvereinbarung, its amendments and memberships. */
    async getVerbund() {
      const [members, agreement, amendments, memberships] = await Promise.all([
        mitgliederRepository.listMembers(db),
        repo.getAgreement(db),
        repo.listAmendments(db),
        repo.listMemberships(db),
      ]);
      return { members, agreement, amendments, memberships };
    },
  };
}

export type ZweckvereinbarungUsecases = ReturnType<typeof createZweckvereinbarungUsecases>;
