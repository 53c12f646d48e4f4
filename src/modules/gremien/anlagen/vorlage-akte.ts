import type { TenantTrx } from '../../../platform/database/database.ts';
import {
  createAkteInTrx,
  createVorgangInTrx,
  findDefaultKennzeichen,
  findUnitByKennzeichen,
} from '../../records/records.module.ts';
import { findVorlageAkte, setVorlageAkte, type VorlageAkteRow } from './anlagen.repository.ts';

/**
 * Where council papers are filed: the standard Aktenplan's unit „Sitzungen, Beschlussvorlagen und
 * Niederschriften“, else its parent „Kreistag und Ausschüsse“, else the county's default unit (a
 * county with its own Aktenplan without these units still gets its Akten).
 */
export const GREMIEN_KENNZEICHEN = ['00.10.01', '00.10'] as const;

export async function gremienKennzeichen(trx: TenantTrx) {
  for (const kennzeichen of GREMIEN_KENNZEICHEN)
    if (await findUnitByKennzeichen(trx, kennzeichen)) return kennzeichen;
  return (await findDefaultKennzeichen(trx)) ?? undefined;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The Vorlage's own Akte with one Vorgang for its papers, created in the caller's transaction when
 * the Vorlage has none yet (through the E-Akte's own use-cases: Aktenzeichen, audit). A
 * nichtöffentliche Vorlage's Akte is „intern“.
 */
export async function ensureVorlageAkte(
  trx: TenantTrx,
  { vorlage, actor }: { vorlage: VorlageAkteRow; actor: string },
): Promise<{ akteId: string; vorgangId: string }> {
  if (vorlage.akte_id && vorlage.vorgang_id)
    return { akteId: vorlage.akte_id, vorgangId: vorlage.vorgang_id };
  const titel = cut(`Vorlage ${vorlage.drucksachen_nr}: ${vorlage.betreff}`, 500);
  const akte = await createAkteInTrx(trx, actor, {
    titel,
    aktenplan: await gremienKennzeichen(trx),
    ...(vorlage.oeffentlich ? {} : { vertraulichkeit: 'intern' as const }),
  });
  const vorgang = await createVorgangInTrx(trx, actor, akte.id, {
    betreff: cut(`Drucksache ${vorlage.drucksachen_nr} mit Anlagen`, 500),
  });
  await setVorlageAkte(trx, { vorlageId: vorlage.id, akteId: akte.id, vorgangId: vorgang.id });
  return { akteId: akte.id, vorgangId: vorgang.id };
}

/** ensureVorlageAkte for a Vorlage given by id (the creating transaction, right after the insert). */
export async function ensureVorlageAkteById(trx: TenantTrx, { id, actor }: { id: string; actor: string }) {
  const vorlage = await findVorlageAkte(trx, id);
  if (!vorlage) throw new Error(`Vorlage ${id} not found in its own transaction`);
  return ensureVorlageAkte(trx, { vorlage, actor });
}
