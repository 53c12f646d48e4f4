import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import { dokumentVisible, type Viewer, vorgangVisible } from '../viewer/viewer.ts';
import { OPEN_VORGANG_STATUS } from '../vorgaenge/vorgaenge.models.ts';
import { toVorgang, VORGANG_SELECT, type VorgangRow } from '../vorgaenge/vorgaenge.repository.ts';

const NONE = '00000000-0000-0000-0000-000000000000';

export type Bereich = 'alle' | 'person' | 'oe';

/** Whose Vorgänge: the person's, their OE's, or both (aliases `vg`). */
const assignedTo = (bereich: Bereich, userId: string, oeId: string | null) => {
  const oe = oeId ?? NONE;
  if (bereich === 'person') return sql<boolean>`vg.zustaendig_user_id = ${userId}::uuid`;
  if (bereich === 'oe') return sql<boolean>`vg.zustaendig_oe_id = ${oe}::uuid`;
  return sql<boolean>`(vg.zustaendig_user_id = ${userId}::uuid or vg.zustaendig_oe_id = ${oe}::uuid)`;
};

type DokumentRow = {
  id: string;
  titel: string;
  art: string;
  datum: string;
  vorgang_id: string;
  betreff: string;
  aktenzeichen: string;
  created_at: Date;
};

/**
 * The four lists of a Postkorb, each at most 200: Vorgänge and documents new to the person
 * (created by someone else, not yet marked seen), Wiedervorlagen due, and Fristen within `fristTage`.
 */
export async function readPostkorb(
  trx: TenantTrx,
  {
    viewer,
    login,
    bereich,
    fristTage,
  }: { viewer: Viewer; login: string | null; bereich: Bereich; fristTage: number },
) {
  const me = viewer.userId!;
  const mine = assignedTo(bereich, me, viewer.oeId);
  const open = sql`${VORGANG_SELECT}
    where ${mine} and ${vorgangVisible(viewer)} and vg.status = any(${OPEN_VORGANG_STATUS}::text[])`;
  const vorgaenge = async (rest: RawBuilder<unknown>) =>
    (await sql<VorgangRow>`${open} ${rest}`.execute(trx)).rows.map(toVorgang);
  const neueVorgaenge = await vorgaenge(sql`and vg.created_by <> ${`user:${login}`}
    and not exists (select 1 from postkorb_gesehen g where g.user_id = ${me}::uuid
                    and g.objekt_typ = 'vorgang' and g.objekt_id = vg.id)
    order by vg.created_at desc limit 200`);
  const wiedervorlagen = await vorgaenge(sql`and vg.wiedervorlage <= current_date
    order by vg.wiedervorlage limit 200`);
  const fristen = await vorgaenge(
    sql`and vg.frist <= current_date + ${fristTage}::int order by vg.frist limit 200`,
  );
  const neueDokumente = await sql<DokumentRow>`
    select d.id, d.titel, d.art, d.datum, d.vorgang_id, vg.betreff, a.aktenzeichen, d.created_at
    from dokumente d join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
    where ${mine} and ${dokumentVisible(viewer)} and vg.status = any(${OPEN_VORGANG_STATUS}::text[])
      and d.created_by <> ${`user:${login}`}
      and not exists (select 1 from postkorb_gesehen g where g.user_id = ${me}::uuid
                      and g.objekt_typ = 'dokument' and g.objekt_id = d.id)
    order by d.created_at desc limit 200`.execute(trx);
  return {
    neueVorgaenge,
    neueDokumente: neueDokumente.rows.map((d) => ({
      id: d.id,
      titel: d.titel,
      art: d.art,
      datum: d.datum,
      vorgangId: d.vorgang_id,
      betreff: d.betreff,
      aktenzeichen: d.aktenzeichen,
      createdAt: d.created_at.toISOString(),
    })),
    wiedervorlagen,
    fristen,
  };
}

export async function markSeen(
  trx: TenantTrx,
  seen: { userId: string; objektTyp: 'vorgang' | 'dokument'; objektId: string },
) {
  await trx
    .insertInto('postkorb_gesehen')
    .values({
      tenant_id: trx.tenantId,
      user_id: seen.userId,
      objekt_typ: seen.objektTyp,
      objekt_id: seen.objektId,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
