import { sql } from 'kysely';
import type { Db, Trx } from '../../../platform/database/database.ts';
import { AGREEMENT_ID } from '../verbund.models.ts';

// All SQL of the amendment process. Verbund-level tables (no RLS): read by every member; written
// only by the named operations in aenderungen.usecases.ts, vollzug.usecases.ts and beratung.hook.ts.

export type AenderungRow = {
  id: string;
  nummer: number;
  titel: string;
  wortlaut: string;
  wortlaut_sha256: string;
  begruendung: string | null;
  art: 'beitritt' | 'austritt' | 'sonstige';
  beitritt_landkreis_id: string | null;
  austritt_landkreis_id: string | null;
  kostenschluessel: Record<string, number> | null;
  genehmigungspflichtig: boolean;
  benanntes_wirksamkeitsdatum: string | null;
  genehmigt_am: string | null;
  genehmigung_az: string | null;
  bekanntgemacht_am: string | null;
  amtsblatt: string | null;
  wirksam_ab: string | null;
  status: string;
  vollzogen_am: Date | null;
  beispieldaten: boolean;
  created_by: string;
  created_at: Date;
  updated_at: Date;
};

export type BeteiligteRow = {
  aenderung_id: string;
  landkreis_id: string;
  landkreis: string;
  rolle: 'mitglied' | 'beitretend' | 'austretend';
  vorlage_id: string | null;
  drucksachen_nr: string | null;
  status: 'offen' | 'beschlossen' | 'abgelehnt';
  beschluss_nr: string | null;
  beschlossen_am: string | null;
  beschlossene_fassung: string | null;
  unterzeichnet_am: string | null;
  unterzeichnet_von: string | null;
  beispieldaten: boolean;
};

const COLUMNS = sql`id, nummer, titel, wortlaut, wortlaut_sha256, begruendung, art, beitritt_landkreis_id,
  austritt_landkreis_id, kostenschluessel, genehmigungspflichtig, benanntes_wirksamkeitsdatum::text,
  genehmigt_am::text, genehmigung_az, bekanntgemacht_am::text, amtsblatt, wirksam_ab::text, status,
  vollzogen_am, beispieldaten, created_by, created_at, updated_at`;

export type NewAenderung = {
  titel: string;
  wortlaut: string;
  wortlautSha256: string;
  begruendung: string | null;
  art: AenderungRow['art'];
  beitrittLandkreisId: string | null;
  austrittLandkreisId: string | null;
  kostenschluessel: Record<string, number> | null;
  genehmigungspflichtig: boolean;
  benanntesWirksamkeitsdatum: string | null;
  beispieldaten: boolean;
  /** Given only when recording an earlier amendment; otherwise the next one. */
  nummer: number | null;
  createdBy: string;
};

export const aenderungenRepository = {
  /**
   * Marks the transaction as the amendment process's own Verbund-level path (migration 0032): only
   * such a transaction may create amendments and parties or write their Verbund-level fields; a
   * county's transaction may write only its own party row's resolution (beratung.hook.ts).
   */
  async verbundPath(plain: Trx) {
    await sql`select set_config('app.aenderung_verfahren', 'on', true)`.execute(plain);
  },

  /** The next number after every amendment so far, including those recorded before this process. */
  async insertAenderung(plain: Trx, a: NewAenderung) {
    await sql`select pg_advisory_xact_lock(hashtext('aenderungen.nummer'))`.execute(plain);
    const { rows } = await sql<AenderungRow>`
      insert into aenderungen (agreement_id, nummer, titel, wortlaut, wortlaut_sha256, begruendung, art,
        beitritt_landkreis_id, austritt_landkreis_id, kostenschluessel, genehmigungspflichtig,
        benanntes_wirksamkeitsdatum, beispieldaten, created_by)
      values (${AGREEMENT_ID},
        coalesce(${a.nummer}::int, greatest((select max(nummer) from aenderungen where agreement_id = ${AGREEMENT_ID}),
                 (select max(number) from agreement_amendments where agreement_id = ${AGREEMENT_ID}), 0) + 1),
        ${a.titel}, ${a.wortlaut}, ${a.wortlautSha256}, ${a.begruendung}, ${a.art}, ${a.beitrittLandkreisId},
        ${a.austrittLandkreisId}, ${a.kostenschluessel ? JSON.stringify(a.kostenschluessel) : null}::jsonb,
        ${a.genehmigungspflichtig}, ${a.benanntesWirksamkeitsdatum}::date, ${a.beispieldaten}, ${a.createdBy})
      returning ${COLUMNS}`.execute(plain);
    return rows[0]!;
  },

  async insertBeteiligte(
    plain: Trx,
    aenderungId: string,
    parteien: Array<{ landkreisId: string; rolle: BeteiligteRow['rolle'] }>,
    beispieldaten: boolean,
  ) {
    await sql`insert into aenderung_beteiligte (aenderung_id, landkreis_id, rolle, beispieldaten)
      select ${aenderungId}::uuid, p.landkreis, p.rolle, ${beispieldaten}
      from unnest(${parteien.map((p) => p.landkreisId)}::text[], ${parteien.map((p) => p.rolle)}::text[])
        as p(landkreis, rolle)`.execute(plain);
  },

  async listAenderungen(db: Db) {
    const { rows } = await sql<AenderungRow>`select ${COLUMNS} from aenderungen
      where agreement_id = ${AGREEMENT_ID} order by nummer desc`.execute(db);
    return rows;
  },

  async findAenderung(db: Db | Trx, id: string, options: { lock?: boolean } = {}) {
    const { rows } = await sql<AenderungRow>`select ${COLUMNS} from aenderungen where id = ${id}::uuid
      ${options.lock ? sql`for update` : sql``}`.execute(db);
    return rows[0] ?? null;
  },

  async listBeteiligte(db: Db | Trx, aenderungIds: string[]) {
    const { rows } =
      await sql<BeteiligteRow>`select b.aenderung_id, b.landkreis_id, t.name as landkreis, b.rolle,
        b.vorlage_id, b.drucksachen_nr, b.status, b.beschluss_nr, b.beschlossen_am::text, b.beschlossene_fassung,
        b.unterzeichnet_am::text, b.unterzeichnet_von, b.beispieldaten
      from aenderung_beteiligte b join tenants t on t.id = b.landkreis_id
      where b.aenderung_id = any(${aenderungIds}::uuid[]) order by t.kreisschluessel`.execute(db);
    return rows;
  },

  /** The county's Vorlage of the amendment, put to its council. */
  async setVorlage(db: Db, p: { aenderungId: string; landkreisId: string; vorlageId: string; nr: string }) {
    await db.transaction().execute(async (plain) => {
      await aenderungenRepository.verbundPath(plain);
      await sql`update aenderung_beteiligte set vorlage_id = ${p.vorlageId}::uuid, drucksachen_nr = ${p.nr},
        updated_at = now() where aenderung_id = ${p.aenderungId}::uuid and landkreis_id = ${p.landkreisId}`.execute(
        plain,
      );
    });
  },

  /** The party row behind a county's Vorlage (the county's own row only). */
  async findByVorlage(trx: Trx & { tenantId: string }, vorlageId: string) {
    const { rows } = await sql<{ aenderung_id: string }>`select aenderung_id from aenderung_beteiligte
      where landkreis_id = ${trx.tenantId} and vorlage_id = ${vorlageId}::uuid`.execute(trx);
    return rows[0] ?? null;
  },

  async setBeschluss(
    db: Trx,
    p: {
      aenderungId: string;
      landkreisId: string;
      status: BeteiligteRow['status'];
      beschlussNr: string | null;
      beschlossenAm: string | null;
      fassung: string | null;
      beispieldaten?: boolean;
    },
  ) {
    await sql`update aenderung_beteiligte set status = ${p.status}, beschluss_nr = ${p.beschlussNr},
      beschlossen_am = ${p.beschlossenAm}::date, beschlossene_fassung = ${p.fassung},
      beispieldaten = beispieldaten or ${p.beispieldaten ?? false}, updated_at = now()
      where aenderung_id = ${p.aenderungId}::uuid and landkreis_id = ${p.landkreisId}`.execute(db);
  },

  async setUnterschrift(db: Trx, p: { aenderungId: string; landkreisId: string; am: string; von: string }) {
    const r = await sql`update aenderung_beteiligte set unterzeichnet_am = ${p.am}::date,
      unterzeichnet_von = ${p.von}, updated_at = now()
      where aenderung_id = ${p.aenderungId}::uuid and landkreis_id = ${p.landkreisId}`.execute(db);
    return Number(r.numAffectedRows ?? 0) > 0;
  },

  async setAkte(
    db: Trx,
    id: string,
    p: { genehmigtAm?: string; genehmigungAz?: string; bekanntgemachtAm?: string; amtsblatt?: string },
  ) {
    const set = [
      p.genehmigtAm !== undefined &&
        sql`genehmigt_am = ${p.genehmigtAm}::date, genehmigung_az = ${p.genehmigungAz}`,
      p.bekanntgemachtAm !== undefined &&
        sql`bekanntgemacht_am = ${p.bekanntgemachtAm}::date, amtsblatt = ${p.amtsblatt}`,
    ].filter((x) => x !== false);
    await sql`update aenderungen set ${sql.join([...set, sql`updated_at = now()`])} where id = ${id}::uuid`.execute(
      db,
    );
  },

  async setStatus(db: Trx, id: string, p: { status: string; wirksamAb: string | null }) {
    await sql`update aenderungen set status = ${p.status}, wirksam_ab = ${p.wirksamAb}::date, updated_at = now()
      where id = ${id}::uuid`.execute(db);
  },

  async markVollzogen(db: Trx, id: string) {
    await sql`update aenderungen set status = 'wirksam', vollzogen_am = now(), updated_at = now()
      where id = ${id}::uuid`.execute(db);
  },

  /** Amendments due on `heute`, each locked for the one process that carries it out (others skip it). */
  async claimFaellige(plain: Trx, heute: string) {
    const { rows } = await sql<AenderungRow>`select ${COLUMNS} from aenderungen
      where vollzogen_am is null and wirksam_ab <= ${heute}::date and status in ('bekanntgemacht', 'unterzeichnet')
      order by wirksam_ab, nummer limit 1 for update skip locked`.execute(plain);
    return rows[0] ?? null;
  },

  /** The members of the Zweckvereinbarung on a day (joined, not yet left). */
  async membersOn(db: Db | Trx, day: string) {
    const { rows } = await sql<{ id: string; name: string; kreisschluessel: string }>`
      select t.id, t.name, t.kreisschluessel from agreement_members m join tenants t on t.id = m.member_id
      where m.agreement_id = ${AGREEMENT_ID} and m.member_since <= ${day}::date
        and (m.member_until is null or m.member_until > ${day}::date)
      order by t.kreisschluessel`.execute(db);
    return rows;
  },

  async isMember(db: Db | Trx, id: string) {
    const { rows } = await sql<{ id: string }>`select member_id as id from agreement_members
      where agreement_id = ${AGREEMENT_ID} and member_id = ${id} and member_until is null`.execute(db);
    return rows.length > 0;
  },

  async endMembership(db: Trx, p: { memberId: string; until: string }) {
    await sql`update agreement_members set member_until = ${p.until}::date
      where agreement_id = ${AGREEMENT_ID} and member_id = ${p.memberId}`.execute(db);
  },
};
