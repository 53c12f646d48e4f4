import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { OnboardingRegistry } from '../../../platform/onboarding/onboarding.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { joinPrepared, type Received } from '../mitglieder/onboarding.usecases.ts';
import { zweckvereinbarungRepository } from '../zweckvereinbarung/zweckvereinbarung.repository.ts';
import { type AenderungRow, aenderungenRepository as repo } from './aenderungen.repository.ts';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Carrying out amendments on the day they take effect: the join through the onboarding (the new
 * member receives everything shared), or the end of a leaving member's membership; the amendment
 * joins the agreement's list; every member's chain records it. One transaction per amendment,
 * claimed with SKIP LOCKED, so any number of workers may run the check. The audit entries in the
 * members' chains are the one place this operation writes into several counties – by name, like
 * the onboarding it runs.
 */
export function createVollzug({
  database,
  onboarding,
}: {
  database: DatabaseHandle;
  onboarding: OnboardingRegistry;
}) {
  async function vollziehenEine(heute: string) {
    return database.db.transaction().execute(async (plain) => {
      await repo.verbundPath(plain);
      const a = await repo.claimFaellige(plain, heute);
      if (!a) return null;
      const actor = 'system:verbund-aenderungen';
      const ab = a.wirksam_ab!;
      const parteien = await repo.listBeteiligte(plain, [a.id]);
      let received: Received = [];
      // A county that is a member already (an amendment recorded afterwards) is not onboarded twice.
      if (a.beitritt_landkreis_id && !(await repo.isMember(plain, a.beitritt_landkreis_id)))
        received = await joinPrepared({
          plain,
          database,
          onboarding,
          countyId: a.beitritt_landkreis_id,
          since: ab,
          viaAmendment: a.nummer,
          actor,
        });
      if (a.austritt_landkreis_id)
        await repo.endMembership(plain, { memberId: a.austritt_landkreis_id, until: ab });
      await zweckvereinbarungRepository.insertAmendment(plain, {
        number: a.nummer,
        title: a.titel,
        drucksache:
          parteien
            .map((p) => p.drucksachen_nr)
            .filter(Boolean)
            .join(', ') || '–',
        resolvedBy: `Kreistage von ${parteien.map((p) => p.landkreis).join(', ')}`,
        resolvedOn:
          parteien
            .map((p) => p.beschlossen_am ?? '')
            .sort()
            .at(-1) || ab,
        summary: summaryOf(a),
        joiningTenantId: a.beitritt_landkreis_id,
      });
      await repo.markVollzogen(plain, a.id);
      // Every member after the change, and a leaving one for its own record.
      const chains = new Set([
        ...(await repo.membersOn(plain, ab)).map((m) => m.id),
        ...parteien.map((p) => p.landkreis_id),
      ]);
      for (const tenantId of chains) {
        const trx = await database.switchTenant(plain, tenantId);
        await appendAuditEvent(trx, {
          actor,
          action: 'verbund.aenderung_wirksam',
          objectType: 'aenderung',
          objectId: a.id,
          data: {
            nummer: a.nummer,
            wirksamAb: ab,
            wortlautSha256: a.wortlaut_sha256,
            beitritt: a.beitritt_landkreis_id,
            austritt: a.austritt_landkreis_id,
            erhalten: received.length,
          },
        });
      }
      return {
        id: a.id,
        nummer: a.nummer,
        wirksamAb: ab,
        received: received.length,
        chains: [...chains].sort(),
      };
    });
  }

  return {
    /** Carries out every amendment due on `heute` (default: today); returns what it did. */
    async vollziehen({ heute = today() }: { heute?: string } = {}) {
      const done: Array<NonNullable<Awaited<ReturnType<typeof vollziehenEine>>>> = [];
      for (let r = await vollziehenEine(heute); r; r = await vollziehenEine(heute)) done.push(r);
      return done;
    },
  };
}

const summaryOf = (a: AenderungRow) =>
  a.beitritt_landkreis_id
    ? `Beitritt von ${a.beitritt_landkreis_id}; wirksam ab ${a.wirksam_ab}.`
    : a.austritt_landkreis_id
      ? `Austritt von ${a.austritt_landkreis_id}; wirksam ab ${a.wirksam_ab}.`
      : `Wirksam ab ${a.wirksam_ab}.`;
