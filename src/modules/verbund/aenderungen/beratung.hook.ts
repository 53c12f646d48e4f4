import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { BeratungErfasst } from '../../gremien/gremien.module.ts';
import { fassungIn } from './aenderungen.models.ts';
import { aenderungenRepository as repo } from './aenderungen.repository.ts';
import { recompute } from './aenderungen.status.ts';

/**
 * The county's Beratung of its amendment Vorlage reaches the Verbund: called by the council module
 * in the county's own transaction when a result is recorded (wired in the composition root). It
 * writes only the county's own party row (`landkreis_id = trx.tenantId`) and the amendment's
 * derived state, and audits in the county's chain. Results other than beschlossen/abgelehnt
 * (vertagt, verwiesen …) leave the county open. An amendment already in force is not changed.
 */
export async function aenderungBeratungErfasst(event: BeratungErfasst) {
  const { trx } = event;
  const party = await repo.findByVorlage(trx, event.vorlageId);
  if (!party) return;
  const aenderung = (await repo.findAenderung(trx, party.aenderung_id, { lock: true }))!;
  if (aenderung.vollzogen_am) return;
  const status =
    event.ergebnis === 'beschlossen' ? 'beschlossen' : event.ergebnis === 'abgelehnt' ? 'abgelehnt' : 'offen';
  const fassung = status === 'beschlossen' ? fassungIn(event.beschlussvorschlag) : null;
  await repo.setBeschluss(trx, {
    aenderungId: aenderung.id,
    landkreisId: trx.tenantId,
    status,
    beschlussNr: status === 'beschlossen' ? event.beschlussNr : null,
    beschlossenAm: status === 'offen' ? null : event.sitzungstag,
    fassung,
  });
  const state = await recompute(trx, aenderung.id);
  await appendAuditEvent(trx, {
    actor: event.actor,
    action: 'verbund.aenderung_beraten',
    objectType: 'aenderung',
    objectId: aenderung.id,
    data: {
      nummer: aenderung.nummer,
      drucksachenNr: event.drucksachenNr,
      ergebnis: status,
      beschlussNr: status === 'beschlossen' ? event.beschlussNr : null,
      fassung,
      gleicheFassung: fassung === null ? null : fassung === aenderung.wortlaut_sha256,
      aenderungStatus: state.status,
    },
  });
}
