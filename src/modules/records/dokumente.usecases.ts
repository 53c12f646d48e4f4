import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import type { MetadataField, Vertraulichkeit } from '../../platform/database/database.types.ts';
import { actorOf, type Principal } from '../../platform/http/principal.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import { outboxInsert } from '../../platform/outbox/outbox.ts';
import { AppError, badRequest, notFound } from '../../shared/errors.ts';
import { stripBidiControls } from '../../shared/text.ts';
import { appendAuditEvent, auditAppendCtes } from '../audit/audit.module.ts';
import type { BlobStore, StoredBlob } from '../blobs/blobs.module.ts';
import { detectContentType, safeFileName } from '../ingest/ingest.module.ts';
import { checkDate, loadVisibleVorgang, requireWriter } from './akten.usecases.ts';
import { clearanceOf, extractReferences } from './records.models.ts';
import { dokumentVisible, type Viewer, viewerOf } from './viewer.ts';

export const EXTRACT_JOB = 'records.extract';

export type Dokument = {
  id: string;
  vorgangId: string;
  akteId: string;
  aktenzeichen: string;
  betreff: string;
  titel: string;
  art: 'eingang' | 'ausgang' | 'intern';
  datum: string;
  absender: string | null;
  empfaenger: string | null;
  metadaten: MetadataField[];
  vertraulichkeit: Vertraulichkeit;
  version: number;
  sha256: string;
  groesse: number;
  mime: string;
  dateiname: string;
  textStatus: 'pending' | 'done' | 'failed';
  textFehler: string | null;
  parentDokumentId: string | null;
  createdAt: string;
  createdBy: string;
};

export type DokumentInput = {
  titel?: string | null;
  art?: 'eingang' | 'ausgang' | 'intern';
  datum?: string | null;
  absender?: string | null;
  empfaenger?: string | null;
  metadaten?: MetadataField[];
  vertraulichkeit?: Vertraulichkeit;
};

const DOKUMENT_SELECT = sql`
  select d.*, a.aktenzeichen, vg.betreff, dv.sha256, dv.groesse, dv.mime, dv.dateiname
  from dokumente d
  join vorgaenge vg on vg.id = d.vorgang_id
  join akten a on a.id = d.akte_id
  join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version`;

// biome-ignore lint/suspicious/noExplicitAny: raw rows
export const toDokument = (r: any): Dokument => ({
  id: r.id,
  vorgangId: r.vorgang_id,
  akteId: r.akte_id,
  aktenzeichen: r.aktenzeichen,
  betreff: r.betreff,
  titel: r.titel,
  art: r.art,
  datum: r.datum,
  absender: r.absender,
  empfaenger: r.empfaenger,
  metadaten: r.metadaten,
  vertraulichkeit: r.vertraulichkeit,
  version: r.aktuelle_version,
  sha256: r.sha256,
  groesse: Number(r.groesse),
  mime: r.mime,
  dateiname: r.dateiname,
  textStatus: r.text_status,
  textFehler: r.text_fehler,
  parentDokumentId: r.parent_dokument_id,
  createdAt: (r.created_at as Date).toISOString(),
  createdBy: r.created_by,
});

const isUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

export async function loadVisibleDokument(trx: TenantTrx, viewer: Viewer, id: string) {
  if (!isUuid(id)) throw notFound('dokument', 'Das Dokument');
  const { rows } =
    await sql`${DOKUMENT_SELECT} where d.id = ${id}::uuid and ${dokumentVisible(viewer)}`.execute(trx);
  if (rows.length === 0) throw notFound('dokument', 'Das Dokument');
  return toDokument(rows[0]);
}

const METADATA_TYPES = ['text', 'zahl', 'datum', 'ja-nein'] as const;
export function validateMetadata(fields: unknown): MetadataField[] {
  if (fields === undefined || fields === null) return [];
  if (!Array.isArray(fields) || fields.length > 50)
    throw badRequest(
      'dokument.metadata',
      'metadaten must be a list (max 50)',
      'Metadaten: höchstens 50 Felder als Liste.',
    );
  return fields.map((f, i) => {
    const field = f as Record<string, unknown>;
    const name = String(field?.name ?? '').trim();
    const typ = String(field?.typ ?? 'text') as MetadataField['typ'];
    const wert = field?.wert;
    const fail = (de: string) =>
      badRequest(
        'dokument.metadata',
        `invalid metadata field ${i + 1}`,
        `Metadatenfeld ${i + 1} („${name}“): ${de}`,
      );
    if (!name || name.length > 100) throw fail('Name fehlt oder ist zu lang.');
    if (!(METADATA_TYPES as readonly string[]).includes(typ))
      throw fail('Typ muss text, zahl, datum oder ja-nein sein.');
    if (typ === 'zahl' && (typeof wert !== 'number' || !Number.isFinite(wert))) throw fail('keine Zahl.');
    if (typ === 'ja-nein' && typeof wert !== 'boolean') throw fail('muss ja (true) oder nein (false) sein.');
    if (typ === 'datum' && (typeof wert !== 'string' || !checkDate(wert, name)))
      throw fail('Datum JJJJ-MM-TT.');
    if (typ === 'text' && (typeof wert !== 'string' || wert.length > 2000))
      throw fail('Text bis 2000 Zeichen.');
    return { name, typ, wert: wert as MetadataField['wert'] };
  });
}

/** What search indexes besides title and content: metadata of the document, its Vorgang and Akte. */
type IndexContext = {
  titel: string;
  absender: string | null;
  empfaenger: string | null;
  aktenzeichen: string;
  akte_titel: string;
  betreff: string;
  externe_referenz: string | null;
  dateiname: string;
  metadaten: MetadataField[];
};

/** Weight-B text and the reference numbers (Aktenzeichen, Drucksachen-Nr.) of a document. */
export function indexTerms(ctx: IndexContext, content: string | null) {
  const values = ctx.metadaten.map((m) => String(m.wert)).join(' ');
  const meta = [
    ctx.absender,
    ctx.empfaenger,
    ctx.aktenzeichen,
    ctx.akte_titel,
    ctx.betreff,
    ctx.externe_referenz,
    ctx.dateiname,
    values,
  ]
    .filter(Boolean)
    .join(' ');
  const refs = extractReferences(
    `${ctx.titel} ${ctx.aktenzeichen} ${ctx.externe_referenz ?? ''} ${values} ${content ?? ''}`,
  );
  return { meta, refs };
}

/** Loads the index context of a document (and, if asked, its current text) in one query. */
export async function loadIndexContext(trx: TenantTrx, dokumentId: string) {
  const { rows } = await sql<
    IndexContext & { text: string | null; aktuelle_version: number; akte_status: string }
  >`
    select d.titel, d.absender, d.empfaenger, d.metadaten, d.aktuelle_version, a.aktenzeichen, a.titel as akte_titel,
           a.status as akte_status, vg.betreff, vg.externe_referenz, dv.dateiname, dv.text
    from dokumente d join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
    join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version
    where d.id = ${dokumentId}::uuid`.execute(trx);
  return rows[0]!;
}

/** Recomputes a document's search vector and reference numbers from its metadata and current text. */
export async function reindexDokument(trx: TenantTrx, dokumentId: string, text?: string | null) {
  const ctx = await loadIndexContext(trx, dokumentId);
  const content = text === undefined ? ctx.text : text;
  const { meta, refs } = indexTerms(ctx, content);
  await sql`update dokumente set refs = ${refs}::text[], search = verbund_search_vector(titel, ${meta}, ${content ?? ''}),
      search_head = verbund_search_head(titel, ${meta})
    where id = ${dokumentId}::uuid`.execute(trx);
}

/** What a new document takes from its Vorgang and Akte (unit, default Vertraulichkeit, index terms). */
export type VorgangContext = {
  id: string;
  akte_id: string;
  akte_status: 'offen' | 'zda';
  unit_id: string;
  vertraulichkeit: Vertraulichkeit;
  aktenzeichen: string;
  akte_titel: string;
  betreff: string;
  externe_referenz: string | null;
  kennzeichen: string;
};
const VORGANG_CONTEXT_COLUMNS = `vg.id, vg.akte_id, a.status as akte_status, a.unit_id, a.vertraulichkeit, a.aktenzeichen,
  a.titel as akte_titel, vg.betreff, vg.externe_referenz, u.kennzeichen from vorgaenge vg join akten a on a.id = vg.akte_id
  join aktenplan_units u on u.id = a.unit_id`;
const VORGANG_CONTEXT = sql.raw(VORGANG_CONTEXT_COLUMNS);

/** What insertDokumentInTrx needs to know of a Vorgang (load once when filing several documents). */
export async function loadVorgangContext(trx: TenantTrx, vorgangId: string) {
  const { rows } =
    await sql<VorgangContext>`select ${VORGANG_CONTEXT} where vg.id = ${vorgangId}::uuid`.execute(trx);
  if (!rows[0]) throw notFound('vorgang', 'Der Vorgang');
  return rows[0];
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const akteClosed = () =>
  new AppError({
    code: 'akte.closed',
    status: 409,
    message: 'the Akte is closed (z.d.A.)',
    messageDe: 'Die Akte ist zu den Akten verfügt (z.d.A.); es können keine Dokumente hinzugefügt werden.',
  });

export type UploadedFile = { fileName: string; blob: StoredBlob };

/**
 * Inserts a document with its first version, its search entry and its text-extraction job, in the
 * caller's transaction. Hot path (every upload): one query for the context, one statement for the
 * three inserts and the queue notification, one for the audit event.
 */
export async function insertDokumentInTrx(
  trx: TenantTrx,
  actor: string,
  vorgang: { id: string; akteId: string; context?: VorgangContext },
  file: UploadedFile,
  input: DokumentInput & { parentDokumentId?: string | null },
  options: { audit?: boolean } = {},
) {
  const context =
    vorgang.context ??
    (await sql<VorgangContext>`select ${VORGANG_CONTEXT} where vg.id = ${vorgang.id}::uuid`.execute(trx))
      .rows[0];
  if (!context) throw notFound('vorgang', 'Der Vorgang');
  const { statement, result } = dokumentInsertStatement(
    trx.tenantId,
    actor,
    { ...vorgang, context },
    file,
    input,
    options,
  );
  await statement.execute(trx);
  return result;
}

/**
 * The one statement that files a document: document, version, search entry, extraction job,
 * outbox, queue wake-up and (unless the caller records the change in an event of its own, e.g. an
 * Antrag) the audit event. Run it in a transaction (insertDokumentInTrx) or on its own in one
 * round trip (database.executeAsTenant, the upload hot path).
 */
export function dokumentInsertStatement(
  tenantId: string,
  actor: string,
  vorgang: { id: string; akteId: string; context: VorgangContext },
  file: UploadedFile,
  input: DokumentInput & { parentDokumentId?: string | null },
  options: { audit?: boolean } = {},
) {
  const prepared = dokumentInsertCtes(tenantId, actor, vorgang, file, input);
  const { result } = prepared;
  const audit =
    options.audit === false
      ? null
      : auditAppendCtes(tenantId, {
          actor,
          action: 'records.dokument_added',
          objectType: 'dokument',
          objectId: result.id,
          data: {
            vorgangId: vorgang.id,
            titel: result.titel,
            dateiname: result.dateiname,
            sha256: result.sha256,
            groesse: file.blob.size,
            mime: result.mime,
          },
        });
  const statement = sql<{ id: string }>`
    with ${prepared.ctes}${audit ? sql`, ${audit}` : sql``}
    select d.id, pg_notify('verbund_jobs', ${EXTRACT_JOB}), ${prepared.done} as geschrieben${audit ? sql`, (select seq from audit_event)` : sql``} from d`;
  return { statement, result };
}

/**
 * The CTEs that file one document (document, version 1, search entry, extraction job, outbox row),
 * named d/v/j/o plus `suffix` – so several documents can be filed in one statement together with
 * other changes (an Antrag files its Vorgang and all documents in one round trip). Values are
 * checked here; the caller adds the audit event and `pg_notify('verbund_jobs', …)`.
 */
export function dokumentInsertCtes(
  tenantId: string,
  actor: string,
  vorgang: { id: string; akteId: string; context: VorgangContext },
  file: UploadedFile,
  input: DokumentInput & { parentDokumentId?: string | null },
  suffix = '',
) {
  const { context } = vorgang;
  const type = detectContentType(file.blob.head, file.fileName);
  const dateiname = safeFileName(stripBidiControls(file.fileName), type.extension);
  const titel = (input.titel?.trim() || dateiname.replace(/\.[^.]+$/, '') || dateiname).slice(0, 500);
  const metadaten = validateMetadata(input.metadaten);
  const datum = checkDate(input.datum, 'datum');
  const absender = input.absender?.trim() || null;
  const empfaenger = input.empfaenger?.trim() || null;
  const id = randomUUID();
  const { meta, refs } = indexTerms({ ...context, titel, absender, empfaenger, dateiname, metadaten }, null);
  if (!/^(_\d{1,3})?$/.test(suffix)) throw new Error(`bad CTE suffix ${suffix}`);
  const [d, v, j, o] = ['d', 'v', 'j', 'o'].map((n) => sql.raw(`${n}${suffix}`));
  const ctes = sql`${d} as (
      insert into dokumente (tenant_id, id, vorgang_id, akte_id, unit_id, parent_dokument_id, titel, art, datum, absender,
                             empfaenger, metadaten, vertraulichkeit, aktuelle_version, created_by, refs, search, search_head)
      -- Without content yet, the whole-document vector is the title/metadata one (computed once).
      select ${tenantId}, ${id}::uuid, ${vorgang.id}::uuid, ${vorgang.akteId}::uuid, ${context.unit_id}::uuid,
              ${input.parentDokumentId ?? null}::uuid, ${titel}, ${input.art ?? 'eingang'},
              coalesce(${datum}::date, current_date), ${absender}, ${empfaenger}, ${JSON.stringify(metadaten)}::jsonb,
              ${input.vertraulichkeit ?? context.vertraulichkeit}, 1, ${actor}, ${refs}::text[], h.v, h.v
      from (select verbund_search_head(${titel}, ${meta}) as v) h
      returning id
    ), ${v} as (
      insert into dokument_versionen (tenant_id, dokument_id, version, sha256, groesse, mime, dateiname, created_by)
      select ${tenantId}, ${d}.id, 1, ${file.blob.sha256}, ${file.blob.size}, ${type.mime}, ${dateiname}, ${actor} from ${d}
      returning 1
    ), ${j} as (
      -- The same row enqueueJob() writes (jobs.ts), folded into this statement.
      insert into jobs (tenant_id, kind, payload, max_attempts)
      select ${tenantId}, ${EXTRACT_JOB}, jsonb_build_object('dokumentId', ${d}.id, 'version', 1), 5 from ${d}
      returning 1
    ), ${o} as (${outboxInsert(tenantId, {
      ereignis: 'dokument.abgelegt',
      vorgangId: vorgang.id,
      kennzeichen: context.kennzeichen,
      daten: {
        landkreis: { id: tenantId },
        dokument: {
          id,
          titel,
          dateiname,
          mime: type.mime,
          sha256: file.blob.sha256,
          groesse: file.blob.size,
          art: input.art ?? 'eingang',
        },
        vorgang: {
          id: vorgang.id,
          aktenzeichen: context.aktenzeichen,
          betreff: context.betreff,
          externeReferenz: context.externe_referenz,
        },
        aktenplan: context.kennzeichen,
      },
    })})`;
  // Read by the caller's main query before the audit event, so that the county's audit chain is
  // locked only after everything else of the statement is done (see auditAppendCtes).
  const done = sql`(select count(*) from ${v}) + (select count(*) from ${j}) + (select count(*) from ${o})`;
  return {
    ctes,
    done,
    result: { id, sha256: file.blob.sha256, version: 1, mime: type.mime, dateiname, titel },
  };
}

/** Adds the next immutable version of a document in the caller's transaction (caller checked access). */
export async function addVersionInTrx(
  trx: TenantTrx,
  actor: string,
  dokumentId: string,
  file: UploadedFile,
  kommentar?: string | null,
) {
  const blob = file.blob;
  const current = await sql<{ aktuelle_version: number }>`select aktuelle_version from dokumente
    where id = ${dokumentId}::uuid for update`.execute(trx);
  if (!current.rows[0]) throw notFound('dokument', 'Das Dokument');
  const version = current.rows[0].aktuelle_version + 1;
  const type = detectContentType(blob.head, file.fileName);
  const dateiname = safeFileName(stripBidiControls(file.fileName), type.extension);
  await trx
    .insertInto('dokument_versionen')
    .values({
      tenant_id: trx.tenantId,
      dokument_id: dokumentId,
      version,
      sha256: blob.sha256,
      groesse: blob.size,
      mime: type.mime,
      dateiname,
      kommentar: kommentar?.slice(0, 1000) || null,
      created_by: actor,
    })
    .execute();
  await trx
    .updateTable('dokumente')
    .set({ aktuelle_version: version, text_status: 'pending', text_fehler: null, updated_at: new Date() })
    .where('id', '=', dokumentId)
    .execute();
  await reindexDokument(trx, dokumentId, null);
  await enqueueJob(trx, { kind: EXTRACT_JOB, payload: { dokumentId, version }, maxAttempts: 5 });
  await appendAuditEvent(trx, {
    actor,
    action: 'records.dokument_version_added',
    objectType: 'dokument',
    objectId: dokumentId,
    data: { version, sha256: blob.sha256, groesse: blob.size, mime: type.mime, dateiname },
  });
  return version;
}

export function createDokumenteUsecases({
  database,
  blobs,
  uploadLimitBytes,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  uploadLimitBytes: number;
}) {
  const inTenant = <T>(principal: Principal, work: (trx: TenantTrx, viewer: Viewer) => Promise<T>) =>
    database.withTenant(principal.tenantId, async (trx) => work(trx, await viewerOf(trx, principal)));

  /** Checks before a single byte is stored that the caller may write into the Vorgang. */
  async function writableVorgang(principal: Principal, vorgangId: string) {
    requireWriter(principal);
    return inTenant(principal, async (trx, viewer) => {
      const vorgang = await loadVisibleVorgang(trx, viewer, vorgangId);
      if (vorgang.akteStatus === 'zda') throw akteClosed();
      return vorgang;
    });
  }

  /**
   * The same check as writableVorgang (visible by the same rules as viewer.ts, writable, Akte open)
   * in one round trip (a prepared statement), for the upload hot path; returns what the new
   * document needs.
   */
  async function uploadTarget(principal: Principal, vorgangId: string): Promise<VorgangContext> {
    requireWriter(principal);
    const id = vorgangId.toLowerCase();
    if (!UUID.test(id)) throw notFound('vorgang', 'Der Vorgang');
    const user = principal.userId && UUID.test(principal.userId) ? principal.userId : null;
    const [context] = await database.executeAsTenant(
      principal.tenantId,
      sql<VorgangContext>`with me as (select ${user}::uuid as user_id, (select org_unit_id from users where id = ${user}::uuid) as oe)
        select ${VORGANG_CONTEXT}, me where vg.id = ${id}::uuid and (a.vertraulichkeit = any(${clearanceOf(principal)}::text[])
         or a.federfuehrende_oe_id = me.oe or vg.zustaendig_user_id = me.user_id or vg.zustaendig_oe_id = me.oe)`,
    );
    if (!context) throw notFound('vorgang', 'Der Vorgang');
    if (context.akte_status === 'zda') throw akteClosed();
    return context;
  }

  return {
    blobs,
    uploadLimitBytes,
    writableVorgang,
    uploadTarget,

    /** Stores the streamed file (size-limited, hashed), then files the document in one transaction. */
    async upload(
      principal: Principal,
      vorgangId: string,
      file: { fileName: string; stream: AsyncIterable<Uint8Array> },
      input: DokumentInput,
    ) {
      const context = await uploadTarget(principal, vorgangId);
      const blob = await blobs.put(file.stream, { maxBytes: uploadLimitBytes });
      const { statement, result } = dokumentInsertStatement(
        principal.tenantId,
        actorOf(principal),
        { id: context.id, akteId: context.akte_id, context },
        { fileName: file.fileName, blob },
        input,
      );
      await database.executeAsTenant(principal.tenantId, statement);
      return result;
    },

    /** Files an already stored blob as a new document of the Vorgang. */
    async fileUploaded(
      principal: Principal,
      vorgang: { id: string; akteId: string; context?: VorgangContext },
      file: UploadedFile,
      input: DokumentInput,
    ) {
      const { context } = vorgang;
      if (!context)
        return database.withTenant(principal.tenantId, (trx) =>
          insertDokumentInTrx(trx, actorOf(principal), vorgang, file, input),
        );
      // Context known (uploadTarget): one statement, one round trip, committed when it returns.
      const { statement, result } = dokumentInsertStatement(
        principal.tenantId,
        actorOf(principal),
        { ...vorgang, context },
        file,
        input,
      );
      await database.executeAsTenant(principal.tenantId, statement);
      return result;
    },

    /** Checks that the caller may add a version to the document (visible, writable, Akte open). */
    async writableDokument(principal: Principal, dokumentId: string) {
      requireWriter(principal);
      const dokument = await inTenant(principal, (trx, viewer) =>
        loadVisibleDokument(trx, viewer, dokumentId),
      );
      await writableVorgang(principal, dokument.vorgangId);
      return dokument;
    },

    /** A new immutable version of the content (blob already stored); earlier versions stay downloadable. */
    async addVersion(
      principal: Principal,
      dokumentId: string,
      file: UploadedFile,
      kommentar?: string | null,
    ) {
      requireWriter(principal);
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleDokument(trx, viewer, dokumentId);
        await addVersionInTrx(trx, actorOf(principal), dokumentId, file, kommentar);
        return loadVisibleDokument(trx, viewer, dokumentId);
      });
    },

    async get(principal: Principal, id: string) {
      return inTenant(principal, (trx, viewer) => loadVisibleDokument(trx, viewer, id));
    },

    async update(principal: Principal, id: string, input: DokumentInput) {
      requireWriter(principal);
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleDokument(trx, viewer, id);
        const set: Record<string, unknown> = { updated_at: new Date() };
        if (input.titel !== undefined && input.titel !== null) set.titel = input.titel.trim().slice(0, 500);
        if (input.art !== undefined) set.art = input.art;
        if (input.datum !== undefined) set.datum = checkDate(input.datum, 'datum');
        if (input.absender !== undefined) set.absender = input.absender?.trim() || null;
        if (input.empfaenger !== undefined) set.empfaenger = input.empfaenger?.trim() || null;
        if (input.metadaten !== undefined) set.metadaten = JSON.stringify(validateMetadata(input.metadaten));
        if (input.vertraulichkeit !== undefined) set.vertraulichkeit = input.vertraulichkeit;
        await trx.updateTable('dokumente').set(set).where('id', '=', id).execute();
        await reindexDokument(trx, id);
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'records.dokument_updated',
          objectType: 'dokument',
          objectId: id,
          data: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        });
        return loadVisibleDokument(trx, viewer, id);
      });
    },

    async listForVorgang(principal: Principal, vorgangId: string, page: { limit: number; offset: number }) {
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleVorgang(trx, viewer, vorgangId);
        const condition = sql`d.vorgang_id = ${vorgangId}::uuid and ${dokumentVisible(viewer)}`;
        const { rows } = await sql`${DOKUMENT_SELECT} where ${condition}
          order by d.datum desc, d.created_at desc limit ${page.limit} offset ${page.offset}`.execute(trx);
        const total = await sql<{ n: string }>`select count(*) as n from dokumente d
          join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id where ${condition}`.execute(
          trx,
        );
        return { items: rows.map(toDokument), total: Number(total.rows[0]!.n) };
      });
    },

    async versions(principal: Principal, id: string) {
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleDokument(trx, viewer, id);
        const rows = await trx
          .selectFrom('dokument_versionen')
          .select([
            'version',
            'sha256',
            'groesse',
            'mime',
            'dateiname',
            'kommentar',
            'created_at',
            'created_by',
            'text_status',
            'text_fehler',
            'extractor',
            'seiten',
          ])
          .where('dokument_id', '=', id)
          .orderBy('version', 'desc')
          .execute();
        return rows.map((r) => ({
          version: r.version,
          sha256: r.sha256,
          groesse: Number(r.groesse),
          mime: r.mime,
          dateiname: r.dateiname,
          kommentar: r.kommentar,
          createdAt: r.created_at.toISOString(),
          createdBy: r.created_by,
          textStatus: r.text_status,
          textFehler: r.text_fehler,
          extractor: r.extractor,
          seiten: r.seiten,
        }));
      });
    },

    /** The extracted text of a version (for the preview of non-PDF documents). */
    async text(principal: Principal, id: string, version?: number) {
      return inTenant(principal, async (trx, viewer) => {
        const dokument = await loadVisibleDokument(trx, viewer, id);
        const row = await trx
          .selectFrom('dokument_versionen')
          .select(['text', 'text_status', 'text_fehler'])
          .where('dokument_id', '=', id)
          .where('version', '=', version ?? dokument.version)
          .executeTakeFirst();
        if (!row) throw notFound('dokument_version', 'Die Version');
        return { text: row.text, status: row.text_status, fehler: row.text_fehler };
      });
    },

    /** Metadata and a verified stream of one version's content. */
    async content(principal: Principal, id: string, version?: number) {
      const meta = await inTenant(principal, async (trx, viewer) => {
        const dokument = await loadVisibleDokument(trx, viewer, id);
        const row = await trx
          .selectFrom('dokument_versionen')
          .select(['version', 'sha256', 'groesse', 'mime', 'dateiname'])
          .where('dokument_id', '=', id)
          .where('version', '=', version ?? dokument.version)
          .executeTakeFirst();
        if (!row) throw notFound('dokument_version', 'Die Version');
        return row;
      });
      const { body, size } = await blobs.stream(meta.sha256);
      return { ...meta, groesse: size, body };
    },
  };
}

export type DokumenteUsecases = ReturnType<typeof createDokumenteUsecases>;
