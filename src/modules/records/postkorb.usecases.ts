import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { badRequest } from '../../shared/errors.ts';
import { loadVisibleVorgang, toVorgang } from './akten.usecases.ts';
import { loadVisibleDokument } from './dokumente.usecases.ts';
import { dokumentVisible, viewerOf, vorgangVisible } from './viewer.ts';

const OPEN_STATUS = ['neu', 'in-bearbeitung', 'nachforderung', 'ruhend'];
const NONE = '00000000-0000-0000-0000-000000000000';

/**
 * The Postkorb of a person: what is new for them or their OE (Vorgänge and documents they have
 * not opened yet), Wiedervorlagen that are due, and Fristen that end within `fristTage` days.
 */
export function createPostkorbUsecases({ database }: { database: DatabaseHandle }) {
  return {
    async postkorb(principal: Principal, options: { bereich: 'alle' | 'person' | 'oe'; fristTage?: number }) {
      if (!principal.userId)
        throw badRequest(
          'postkorb.no_person',
          'the Postkorb belongs to a person',
          'Der Postkorb gehört zu einer Person; dieses Token vertritt keine.',
        );
      const fristTage = Math.min(Math.max(options.fristTage ?? 7, 0), 365);
      return database.withTenant(principal.tenantId, async (trx) => {
        const viewer = await viewerOf(trx, principal);
        const me = principal.userId!;
        const oe = viewer.oeId ?? NONE;
        const mine =
          options.bereich === 'person'
            ? sql`vg.zustaendig_user_id = ${me}::uuid`
            : options.bereich === 'oe'
              ? sql`vg.zustaendig_oe_id = ${oe}::uuid`
              : sql`(vg.zustaendig_user_id = ${me}::uuid or vg.zustaendig_oe_id = ${oe}::uuid)`;
        const base = sql`from vorgaenge vg join akten a on a.id = vg.akte_id
          left join users us on us.id = vg.zustaendig_user_id left join org_units o on o.id = vg.zustaendig_oe_id
          where ${mine} and ${vorgangVisible(viewer)} and vg.status = any(${OPEN_STATUS}::text[])`;
        const select = sql`select vg.*, a.aktenzeichen, a.titel as akte_titel, a.status as akte_status,
          us.display_name as person, o.name as oe_name,
          (select count(*) from dokumente dc where dc.vorgang_id = vg.id) as dokumente`;
        const neueVorgaenge = await sql`${select} ${base}
          and vg.created_by <> ${`user:${principal.login}`}
          and not exists (select 1 from postkorb_gesehen g where g.user_id = ${me}::uuid
                          and g.objekt_typ = 'vorgang' and g.objekt_id = vg.id)
          order by vg.created_at desc limit 200`.execute(trx);
        const wiedervorlagen = await sql`${select} ${base} and vg.wiedervorlage <= current_date
          order by vg.wiedervorlage limit 200`.execute(trx);
        const fristen = await sql`${select} ${base}
          and vg.frist <= current_date + ${fristTage}::int order by vg.frist limit 200`.execute(trx);
        const neueDokumente = await sql<{
          id: string;
          titel: string;
          art: string;
          datum: string;
          vorgang_id: string;
          betreff: string;
          aktenzeichen: string;
          created_at: Date;
        }>`select d.id, d.titel, d.art, d.datum, d.vorgang_id, vg.betreff, a.aktenzeichen, d.created_at
          from dokumente d join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
          where ${mine} and ${dokumentVisible(viewer)} and vg.status = any(${OPEN_STATUS}::text[])
            and d.created_by <> ${`user:${principal.login}`}
            and not exists (select 1 from postkorb_gesehen g where g.user_id = ${me}::uuid
                            and g.objekt_typ = 'dokument' and g.objekt_id = d.id)
          order by d.created_at desc limit 200`.execute(trx);
        return {
          neueVorgaenge: neueVorgaenge.rows.map(toVorgang),
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
          wiedervorlagen: wiedervorlagen.rows.map(toVorgang),
          fristen: fristen.rows.map(toVorgang),
        };
      });
    },

    /** Marks a Vorgang or document as seen by the person (it leaves their "new" lists). */
    async markSeen(principal: Principal, objektTyp: 'vorgang' | 'dokument', objektId: string) {
      if (!principal.userId) return;
      await database.withTenant(principal.tenantId, async (trx) => {
        const viewer = await viewerOf(trx, principal);
        if (objektTyp === 'vorgang') await loadVisibleVorgang(trx, viewer, objektId);
        else await loadVisibleDokument(trx, viewer, objektId);
        await trx
          .insertInto('postkorb_gesehen')
          .values({
            tenant_id: trx.tenantId,
            user_id: principal.userId!,
            objekt_typ: objektTyp,
            objekt_id: objektId,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      });
    },
  };
}

export type PostkorbUsecases = ReturnType<typeof createPostkorbUsecases>;
