import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../platform/http/principal.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import { outboxInsert, recordEventInTrx } from '../../platform/outbox/outbox.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../shared/errors.ts';
import { appendAuditEvent, auditAppendCtes } from '../audit/audit.module.ts';
import type { BlobStore, StoredBlob } from '../blobs/blobs.module.ts';
import {
  dokumentInsertCtes,
  insertDokumentInTrx,
  type VorgangContext,
} from '../records/dokumente.usecases.ts';
import { type AntragForRender, renderAntragPdf, renderAntragXml } from './antrag.render.ts';
import type { Activation, CatalogUsecases } from './catalog.usecases.ts';
import type { FormDefinition } from './fim/form.models.ts';
import { fileFields, findValues, setAtPath, validateFormData } from './fim/form.values.ts';
import {
  ANTRAG_STATUS,
  type Leistung,
  newTrackingCode,
  parseTrackingCode,
  trackingHash,
} from './ozg.models.ts';

export const ANTRAG_PDF_JOB = 'services.antrag_pdf';
export const MAIL_JOB = 'services.mail';

/** An uploaded attachment: stored blob plus its SHA-512 (FIT-Connect), and the form field it answers. */
export type AntragFile = { field: string | null; fileName: string; blob: StoredBlob; sha512: string };

export type SubmitInput = {
  leistung: string;
  gemeinde: string;
  daten: unknown;
  files: AntragFile[];
  quelle: 'portal' | 'api';
  actor: string;
  /** Portal drafts validate against the version the citizen started with. */
  formularVersionId?: string | null;
};

const unprocessable = (code: string, message: string, messageDe: string, details?: unknown) =>
  new AppError({ code, status: 422, message, messageDe, details });

const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex');

/** The FIT-Connect submission metadata (schema v1.0.0) of an Antrag. */
export function fitConnectMetadata(args: {
  leistung: Pick<Leistung, 'leika' | 'name'>;
  nummer: string;
  eingang: Date;
  dataSha512: string;
  formular: { id: string; version: number } | null;
  anlagen: Array<{ attachmentId: string; sha512: string; dateiname: string; mime: string; zweck: string }>;
  email?: string | null;
}) {
  return {
    publicServiceType: {
      name: args.leistung.name,
      identifier: `urn:de:fim:leika:leistung:${args.leistung.leika}`,
    },
    contentStructure: {
      data: {
        hash: { type: 'sha512', content: args.dataSha512 },
        submissionSchema: {
          schemaUri: args.formular
            ? `urn:verbund:formular:${encodeURIComponent(args.formular.id)}:${args.formular.version}`
            : 'urn:verbund:formular:ohne',
          mimeType: 'application/json',
        },
      },
      attachments: args.anlagen.map((a) => ({
        hash: { type: 'sha512', content: a.sha512 },
        purpose: a.zweck === 'form' ? 'form' : 'attachment',
        filename: a.dateiname,
        mimeType: a.mime,
        attachmentId: a.attachmentId,
      })),
    },
    ...(args.email ? { replyChannel: { eMail: { address: args.email } } } : {}),
    additionalReferenceInfo: {
      senderReference: args.nummer,
      applicationDate: args.eingang.toISOString().slice(0, 10),
    },
  };
}

const emailOf = (data: unknown, definition: FormDefinition | null) => {
  if (!definition) return null;
  const ids: string[] = [];
  const visit = (nodes: FormDefinition['children']) => {
    for (const n of nodes)
      if (n.kind === 'group') visit(n.children);
      else if (/e-?mail/i.test(n.name) || /e-?mail/i.test(n.label)) ids.push(n.id);
  };
  visit(definition.children);
  for (const id of ids) {
    const v = findValues(data, id).find((x) => typeof x === 'string' && x.includes('@'));
    if (v) return v as string;
  }
  return null;
};

type FilingActivation = {
  aktiv: true;
  akte_id: string;
  zustaendig_oe_id: string | null;
  akte_status: 'offen' | 'zda';
  unit_id: string;
  vertraulichkeit: VorgangContext['vertraulichkeit'];
  aktenzeichen: string;
  akte_titel: string;
  kennzeichen: string;
};

/** The activation if the service is active and has an Akte to file into. */
const filingActivation = (activation: Activation | undefined) =>
  activation?.aktiv && activation.akte_id && activation.unit_id && activation.akte_status
    ? (activation as FilingActivation)
    : undefined;

const akteClosedForAntraege = (county: string, service: string) =>
  new AppError({
    code: 'leistung.akte_closed',
    status: 409,
    message: 'the Akte of this service is closed (z.d.A.)',
    messageDe: `${county} nimmt Anträge für „${service}“ derzeit nicht an: die Akte der Leistung ist zu den Akten verfügt (z.d.A.).`,
  });

export function createAntraegeUsecases({
  database,
  blobs,
  catalog,
  mailEnabled,
  uploadLimitBytes,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  catalog: CatalogUsecases;
  mailEnabled: boolean;
  uploadLimitBytes: number;
}) {
  /** Stores an uploaded attachment (streamed) with both hashes. */
  async function storeFile(stream: AsyncIterable<Uint8Array>) {
    const hash = createHash('sha512');
    async function* tee() {
      for await (const chunk of stream) {
        hash.update(chunk);
        yield chunk;
      }
    }
    const blob = await blobs.put(tee(), { maxBytes: uploadLimitBytes });
    return { blob, sha512: hash.digest('hex') };
  }

  async function enqueueMail(trx: TenantTrx, to: string | null, subject: string, text: string) {
    if (!mailEnabled || !to) return;
    await enqueueJob(trx, { kind: MAIL_JOB, payload: { to, subject, text }, maxAttempts: 8 });
  }

  /**
   * Submits an Antrag: validates it against the service's form, then — in one transaction of the
   * responsible county — creates the Vorgang in the service's Akte, files the data (JSON, XML) and
   * the attachments as documents, records the Antrag with its FIT-Connect metadata, and queues the
   * PDF/A rendition and the e-mail notice. All or nothing: nothing is acknowledged before commit.
   */
  async function submit(input: SubmitInput) {
    const leistung = await catalog.getLeistung(input.leistung);
    const { gemeinde, tenant } = await catalog.resolveZustaendigkeit(input.gemeinde);
    const form = input.formularVersionId
      ? await catalog.formVersion(input.formularVersionId)
      : await catalog.currentForm(leistung);
    const definition = form?.definition ?? null;
    const data: Record<string, unknown> =
      input.daten && typeof input.daten === 'object' && !Array.isArray(input.daten)
        ? structuredClone(input.daten as Record<string, unknown>)
        : {};
    if (input.daten !== undefined && (typeof input.daten !== 'object' || Array.isArray(input.daten)))
      throw badRequest('antrag.daten', 'daten must be a JSON object', '„daten“ muss ein JSON-Objekt sein.');
    // Not offered by this county: say so before any field errors (re-checked in the transaction).
    if (!/^[a-z0-9-]+$/.test(leistung.id)) throw notFound('leistung', 'Die Leistung');
    const offered = await catalog.activation(tenant.id, leistung.id);
    if (!offered?.aktiv)
      throw unprocessable(
        'leistung.inactive',
        `service ${leistung.id} not active in ${tenant.id}`,
        `${tenant.name} bietet „${leistung.name}“ derzeit nicht online an.`,
      );
    // Attachments answer file fields (by path) or are additional (field null).
    const knownFileFields = new Set(
      definition ? fileFields(definition.children).map((f) => f.path.replace(/\[\d+\]/g, '')) : [],
    );
    input.files.forEach((file, i) => {
      if (!file.field) return;
      const bare = file.field.replace(/\[\d+\]/g, '');
      if (!knownFileFields.has(bare))
        throw unprocessable(
          'antrag.unknown_file_field',
          `no file field ${file.field}`,
          `Das Formular hat kein Dateifeld „${file.field}“.`,
        );
      if (!setAtPath(data, file.field, { anlage: i + 1, dateiname: file.fileName }))
        throw badRequest(
          'antrag.file_field',
          `bad field path ${file.field}`,
          `Ungültiges Dateifeld „${file.field}“.`,
        );
    });
    let value = data;
    if (definition) {
      const result = validateFormData(definition, data);
      if (result.errors.length > 0)
        throw unprocessable(
          'antrag.invalid',
          `${result.errors.length} field(s) invalid`,
          `Der Antrag ist unvollständig oder fehlerhaft (${result.errors.length} Angabe${result.errors.length === 1 ? '' : 'n'}).`,
          { fehler: result.errors },
        );
      value = result.value;
    }
    const eingang = new Date();
    const ks = tenant.kreisschluessel;
    const { rows: seq } = await sql<{ n: string }>`select nextval('antrag_nummer_seq')::text as n`.execute(
      database.db,
    );
    const nummer = `${ks}-${eingang.getFullYear()}-${seq[0]!.n.padStart(6, '0')}`;
    const trackingCode = newTrackingCode(ks);
    const formular =
      form && definition ? { id: definition.id, version: form.version, title: definition.title } : null;
    const render: AntragForRender = {
      nummer,
      eingang,
      leistung: { name: leistung.name, leika: leistung.leika },
      gemeinde,
      zustaendig: tenant.name,
      formular,
      definition,
      daten: value,
      anlagen: input.files.map((f) => ({ dateiname: f.fileName, groesse: f.blob.size })),
    };
    const json = Buffer.from(
      JSON.stringify(
        {
          nummer,
          eingang: eingang.toISOString(),
          leistung: { id: leistung.id, leika: leistung.leika },
          gemeinde: gemeinde.ags,
          formular,
          daten: value,
        },
        null,
        2,
      ),
    );
    const xml = Buffer.from(renderAntragXml(render));
    const [jsonBlob, xmlBlob] = await Promise.all([blobs.put(json), blobs.put(xml)]);
    const email = emailOf(value, definition);
    const anlagen = input.files.map((f) => ({
      attachmentId: randomUUID(),
      sha512: f.sha512,
      dateiname: f.fileName,
      mime: 'application/octet-stream',
      zweck: 'attachment',
    }));

    const antragId = randomUUID();
    const vorgangId = randomUUID();
    const betreff = `${leistung.name} – Antrag ${nummer}`;
    const actor = input.actor;
    const mail =
      mailEnabled && email
        ? {
            to: email,
            subject: `Eingangsbestätigung ${nummer}`,
            text: `Guten Tag,\n\nIhr Antrag „${leistung.name}“ ist bei ${tenant.name} eingegangen.\nAntragsnummer: ${nummer}\n\nDen Stand können Sie im Bürgerportal mit Ihrem Vorgangscode abrufen.\n\nDiese Nachricht wurde automatisch erstellt.`,
          }
        : null;
    const eingangText = `Ihr Antrag ist am ${eingang.toLocaleString('de-DE', { timeZone: 'Europe/Berlin' })} bei ${tenant.name} eingegangen.`;

    /**
     * The whole submission as one statement: Vorgang, every document (with version, search entry,
     * extraction job, outbox row), Antrag, attachments, citizen message, PDF and mail jobs, outbox
     * and one audit event. It runs in one round trip and one transaction (executeAsTenant), so the
     * county's audit chain is locked only while PostgreSQL works. The Vorgang is inserted only if
     * the (cached) activation still holds in live data; otherwise verbund_guard fails the statement.
     */
    function submission(act: FilingActivation) {
      const target = {
        id: vorgangId,
        akteId: act.akte_id,
        context: {
          id: vorgangId,
          akte_id: act.akte_id,
          akte_status: act.akte_status,
          unit_id: act.unit_id,
          vertraulichkeit: act.vertraulichkeit,
          aktenzeichen: act.aktenzeichen,
          akte_titel: act.akte_titel,
          betreff,
          externe_referenz: nummer,
          kennzeichen: act.kennzeichen,
        },
      };
      const documents = [
        ...input.files.map((f, i) => ({
          fileName: f.fileName,
          blob: f.blob,
          titel: `Anlage ${i + 1}: ${f.fileName}`,
        })),
        { fileName: `antrag-${nummer}.json`, blob: jsonBlob, titel: `Antragsdaten ${nummer} (JSON)` },
        { fileName: `antrag-${nummer}.xml`, blob: xmlBlob, titel: `Antragsdaten ${nummer} (XML)` },
      ].map((doc, k) =>
        dokumentInsertCtes(
          tenant.id,
          actor,
          target,
          { fileName: doc.fileName, blob: doc.blob },
          { titel: doc.titel, art: 'eingang' },
          `_${k}`,
        ),
      );
      const docs = documents.map((doc) => doc.result);
      input.files.forEach((_, i) => {
        anlagen[i]!.mime = docs[i]!.mime;
      });
      const metadata = fitConnectMetadata({
        leistung,
        nummer,
        eingang,
        dataSha512: sha512(json),
        formular,
        anlagen,
        email,
      });
      const rows = input.files.map((f, i) => ({
        nr: i + 1,
        attachment_id: anlagen[i]!.attachmentId,
        feld: f.field,
        dateiname: f.fileName,
        mime: docs[i]!.mime,
        groesse: f.blob.size,
        sha256: f.blob.sha256,
        sha512: f.sha512,
        dokument_id: docs[i]!.id,
      }));
      const audit = auditAppendCtes(tenant.id, {
        actor,
        action: 'services.antrag_eingegangen',
        objectType: 'antrag',
        objectId: antragId,
        data: {
          nummer,
          leistung: leistung.id,
          gemeinde: gemeinde.ags,
          vorgangId,
          dokumente: docs.map((d) => d.id),
          anlagen: input.files.length,
          quelle: input.quelle,
        },
      });
      const statement = sql`
        with vg as (
          insert into vorgaenge (tenant_id, id, akte_id, betreff, zustaendig_oe_id, externe_referenz, created_by)
          select ${tenant.id}, ${vorgangId}::uuid, la.akte_id, ${betreff}, la.zustaendig_oe_id, ${nummer}, ${actor}
          from leistung_aktivierungen la join akten a on a.id = la.akte_id
          where la.leistung_id = ${leistung.id} and la.aktiv and la.akte_id = ${act.akte_id}::uuid
            and a.status = 'offen' and a.unit_id = ${act.unit_id}::uuid and a.vertraulichkeit = ${act.vertraulichkeit}
          returning id
        ), ${sql.join(
          documents.map((doc) => doc.ctes),
          sql`, `,
        )}, a as (
          insert into antraege (tenant_id, id, nummer, tracking_hash, leistung_id, formular_version_id, gemeinde_ags, daten,
            kontakt_email, vorgang_id, quelle, metadaten, created_at)
          values (${tenant.id}, ${antragId}::uuid, ${nummer}, ${trackingHash(trackingCode)}, ${leistung.id},
            ${form?.id ?? null}::uuid, ${gemeinde.ags}, ${JSON.stringify(value)}::jsonb, ${email}, ${vorgangId}::uuid,
            ${input.quelle}, ${JSON.stringify(metadata)}::jsonb, ${eingang})
          returning id
        ), an as (
          insert into antrag_anlagen (tenant_id, antrag_id, nr, attachment_id, zweck, feld, dateiname, mime, groesse, sha256,
            sha512, dokument_id)
          select ${tenant.id}, a.id, x.nr, x.attachment_id::uuid, 'attachment', x.feld, x.dateiname, x.mime, x.groesse,
            x.sha256, x.sha512, x.dokument_id::uuid
          from a, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(nr int, attachment_id text, feld text,
            dateiname text, mime text, groesse bigint, sha256 text, sha512 text, dokument_id text)
          returning 1
        ), n as (
          insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_by)
          select ${tenant.id}, a.id, 'eingang', ${eingangText}, ${actor} from a
          returning 1
        ), j as (
          -- The same rows enqueueJob() writes (jobs.ts): the PDF/A rendition and the e-mail notice.
          insert into jobs (tenant_id, kind, payload, max_attempts)
          select ${tenant.id}, ${ANTRAG_PDF_JOB}, jsonb_build_object('antragId', a.id), 5 from a
          ${mail ? sql`union all select ${tenant.id}, ${MAIL_JOB}, ${JSON.stringify(mail)}::jsonb, 8` : sql``}
          returning 1
        ), o as (${outboxInsert(tenant.id, {
          ereignis: 'antrag.eingegangen',
          vorgangId,
          leistungId: leistung.id,
          daten: {
            landkreis: { id: tenant.id, name: tenant.name },
            antrag: {
              id: antragId,
              nummer,
              eingang: eingang.toISOString(),
              leistung: { id: leistung.id, leika: leistung.leika, name: leistung.name },
              gemeinde,
              formular,
              daten: value,
              anlagen: rows.map((r) => ({
                nr: r.nr,
                dateiname: r.dateiname,
                mime: r.mime,
                groesse: r.groesse,
                sha512: r.sha512,
                dokumentId: r.dokument_id,
              })),
            },
            vorgang: { id: vorgangId, aktenzeichen: act.aktenzeichen, betreff },
          },
          fitConnect: {
            metadata,
            data: value,
            attachments: rows.map((r) => ({
              attachmentId: r.attachment_id,
              dokumentId: r.dokument_id,
              filename: r.dateiname,
              mimeType: r.mime,
            })),
          },
        })}), ${audit}
        select verbund_guard(exists (select 1 from vg), 'antrag.aktivierung'), a.id,
          pg_notify('verbund_jobs', ${ANTRAG_PDF_JOB}), pg_notify('verbund_outbox', ${tenant.id}),
          ${sql.join(
            documents.map((doc) => doc.done),
            sql` + `,
          )} + (select count(*) from an) + (select count(*) from n) + (select count(*) from j) + (select count(*) from o)
            as geschrieben,
          (select seq from audit_event) from a`;
      return { statement, metadata };
    }

    const inactive = () =>
      unprocessable(
        'leistung.inactive',
        `service ${leistung.id} not active in ${tenant.id}`,
        `${tenant.name} bietet „${leistung.name}“ derzeit nicht online an.`,
      );
    // The cached activation first; if live data disagrees (changed within the cache time), once more
    // with what is in the database now.
    let metadata: Record<string, unknown> | undefined;
    for (const fresh of [false, true]) {
      const act = filingActivation(await catalog.activation(tenant.id, leistung.id, { fresh }));
      if (!act) throw inactive();
      if (act.akte_status === 'zda') throw akteClosedForAntraege(tenant.name, leistung.name);
      const built = submission(act);
      try {
        await database.executeAsTenant(tenant.id, built.statement);
        metadata = built.metadata;
        break;
      } catch (error) {
        if ((error as { hint?: string }).hint !== 'antrag.aktivierung') throw error;
        if (fresh) throw inactive();
      }
    }
    const result = { vorgangId, metadata: metadata! };
    return {
      id: antragId,
      nummer,
      trackingCode,
      vorgangId: result.vorgangId,
      zustaendig: tenant,
      leistung: { id: leistung.id, name: leistung.name, leika: leistung.leika },
      eingang: eingang.toISOString(),
      metadaten: result.metadata,
    };
  }

  const ANTRAG_SELECT = sql`
    select an.*, vg.status as vorgang_status, vg.akte_id, l.name as leistung_name, l.leika, g.name as gemeinde_name,
      t.name as tenant_name, fv.definition, fv.version as formular_version, fv.formular_id
    from antraege an join vorgaenge vg on vg.id = an.vorgang_id join leistungen l on l.id = an.leistung_id
    join gemeinden g on g.ags = an.gemeinde_ags join tenants t on t.id = an.tenant_id
    left join formular_versionen fv on fv.id = an.formular_version_id`;

  // biome-ignore lint/suspicious/noExplicitAny: database row
  const toAntrag = (r: any, anlagen: any[], nachrichten: any[]) => ({
    id: r.id as string,
    nummer: r.nummer as string,
    leistung: { id: r.leistung_id as string, name: r.leistung_name as string, leika: r.leika as string },
    gemeinde: { ags: r.gemeinde_ags as string, name: r.gemeinde_name as string },
    zustaendig: { id: r.tenant_id as string, name: r.tenant_name as string },
    status: r.vorgang_status as string,
    statusText: ANTRAG_STATUS[r.vorgang_status] ?? r.vorgang_status,
    vorgangId: r.vorgang_id as string,
    akteId: r.akte_id as string,
    quelle: r.quelle as string,
    formular: r.formular_id ? { id: r.formular_id as string, version: r.formular_version as number } : null,
    daten: r.daten as Record<string, unknown>,
    eingang: (r.created_at as Date).toISOString(),
    metadaten: r.metadaten,
    anlagen: anlagen.map((a) => ({
      nr: a.nr as number,
      dateiname: a.dateiname as string,
      mime: a.mime as string,
      groesse: Number(a.groesse),
      sha512: a.sha512 as string,
      dokumentId: a.dokument_id as string,
      feld: (a.feld as string) ?? null,
    })),
    nachrichten: nachrichten.map((n) => ({
      id: n.id as string,
      art: n.art as string,
      text: n.text as string,
      dokumentId: (n.dokument_id as string) ?? null,
      offen: n.offen as boolean,
      zeit: (n.created_at as Date).toISOString(),
    })),
    definition: (r.definition as FormDefinition) ?? null,
  });

  async function loadInTrx(trx: TenantTrx, where: ReturnType<typeof sql>) {
    const { rows } = await sql<Record<string, unknown>>`${ANTRAG_SELECT} where ${where}`.execute(trx);
    if (!rows[0]) return null;
    const id = rows[0].id as string;
    const [anlagen, nachrichten] = await Promise.all([
      sql<
        Record<string, unknown>
      >`select * from antrag_anlagen where antrag_id = ${id}::uuid order by nr`.execute(trx),
      sql<
        Record<string, unknown>
      >`select * from antrag_nachrichten where antrag_id = ${id}::uuid order by created_at, id`.execute(trx),
    ]);
    return toAntrag(rows[0], anlagen.rows, nachrichten.rows);
  }

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  /** Staff of the responsible county only; everyone else gets 404. */
  async function get(principal: Principal, id: string) {
    if (!UUID.test(id)) throw notFound('antrag', 'Der Antrag');
    const antrag = await database.withTenant(principal.tenantId, (trx) =>
      loadInTrx(trx, sql`an.id = ${id}::uuid`),
    );
    if (!antrag) throw notFound('antrag', 'Der Antrag');
    const { definition: _definition, ...rest } = antrag;
    return rest;
  }

  async function list(
    principal: Principal,
    filter: { status?: string; leistung?: string; limit: number; offset: number },
  ) {
    return database.withTenant(principal.tenantId, async (trx) => {
      const where = sql`${filter.status ? sql`vg.status = ${filter.status}` : sql`true`} and ${filter.leistung ? sql`an.leistung_id = ${filter.leistung}` : sql`true`}`;
      const { rows } = await sql<Record<string, unknown>>`${ANTRAG_SELECT} where ${where}
        order by an.created_at desc limit ${filter.limit} offset ${filter.offset}`.execute(trx);
      const { rows: count } = await sql<{
        n: number;
      }>`select count(*)::int as n from antraege an join vorgaenge vg on vg.id = an.vorgang_id where ${where}`.execute(
        trx,
      );
      return {
        items: rows.map((r) => {
          const { definition: _d, daten: _x, metadaten: _m, ...rest } = toAntrag(r, [], []);
          return rest;
        }),
        total: count[0]!.n,
      };
    });
  }

  /** The citizen's view by tracking code (no account). Unknown or malformed codes: 404. */
  async function track(code: string) {
    const parsed = parseTrackingCode(code);
    if (!parsed) throw notFound('antrag', 'Ein Antrag mit diesem Vorgangscode');
    const { rows } = await sql<{
      id: string;
    }>`select id from tenants where kreisschluessel = ${parsed.kreisschluessel}`.execute(database.db);
    if (!rows[0]) throw notFound('antrag', 'Ein Antrag mit diesem Vorgangscode');
    const antrag = await database.withTenant(rows[0].id, (trx) =>
      loadInTrx(trx, sql`an.tracking_hash = ${trackingHash(parsed.code)}`),
    );
    if (!antrag) throw notFound('antrag', 'Ein Antrag mit diesem Vorgangscode');
    return { ...antrag, trackingCode: parsed.code };
  }

  /** Renders the Antrag (PDF/A): the receipt for the citizen, the form document for the E-Akte. */
  async function renderPdf(antrag: Awaited<ReturnType<typeof track>>, kind: 'quittung' | 'formular') {
    return renderAntragPdf(
      {
        nummer: antrag.nummer,
        eingang: new Date(antrag.eingang),
        leistung: antrag.leistung,
        gemeinde: antrag.gemeinde,
        zustaendig: antrag.zustaendig.name,
        formular:
          antrag.formular && antrag.definition
            ? { ...antrag.formular, title: antrag.definition.title }
            : null,
        definition: antrag.definition,
        daten: antrag.daten,
        anlagen: antrag.anlagen,
        trackingCode: kind === 'quittung' ? antrag.trackingCode : undefined,
      },
      kind,
    );
  }

  /** Job: files the form as PDF/A into the Vorgang. Idempotent per Antrag. */
  async function filePdfJob({ trx, payload }: { trx: TenantTrx; payload: Record<string, unknown> }) {
    const antrag = await loadInTrx(trx, sql`an.id = ${String(payload.antragId)}::uuid`);
    if (!antrag) return;
    const fileName = `antrag-${antrag.nummer}.pdf`;
    const existing =
      await sql`select 1 from dokumente d join dokument_versionen v on v.dokument_id = d.id and v.version = 1
      where d.vorgang_id = ${antrag.vorgangId}::uuid and v.dateiname = ${fileName}`.execute(trx);
    if (existing.rows.length > 0) return;
    const pdf = await renderPdf({ ...antrag, trackingCode: '' }, 'formular');
    const blob = await blobs.put(pdf);
    await insertDokumentInTrx(
      trx,
      'system:antrag-pdf',
      { id: antrag.vorgangId, akteId: antrag.akteId },
      { fileName, blob },
      {
        titel: `Antragsformular ${antrag.nummer} (PDF/A)`,
        art: 'eingang',
      },
    );
  }

  const TRANSITIONS: Record<string, string[]> = {
    neu: ['in-bearbeitung', 'nachforderung', 'beschieden', 'abgelehnt', 'zurueckgezogen'],
    'in-bearbeitung': ['nachforderung', 'beschieden', 'abgelehnt', 'zurueckgezogen', 'ruhend'],
    ruhend: ['in-bearbeitung', 'zurueckgezogen'],
    nachforderung: ['in-bearbeitung', 'beschieden', 'abgelehnt', 'zurueckgezogen'],
    beschieden: ['abgeschlossen'],
    abgelehnt: ['abgeschlossen'],
    zurueckgezogen: ['abgeschlossen'],
    abgeschlossen: [],
  };

  /**
   * Case work: moves the Antrag (its Vorgang) on. A Nachforderung needs a message for the citizen;
   * beschieden/abgelehnt may release a Bescheid document of the Vorgang to the citizen.
   */
  async function setStatus(
    principal: Principal,
    id: string,
    input: { status: string; nachricht?: string | null; bescheidDokumentId?: string | null },
  ) {
    if (!hasRole(principal, 'sachbearbeitung', 'leitung'))
      throw forbidden('sachbearbeitung required', 'Anträge bearbeiten darf nur die Sachbearbeitung.');
    if (!UUID.test(id)) throw notFound('antrag', 'Der Antrag');
    return database.withTenant(principal.tenantId, async (trx) => {
      const antrag = await loadInTrx(trx, sql`an.id = ${id}::uuid`);
      if (!antrag) throw notFound('antrag', 'Der Antrag');
      if (!(TRANSITIONS[antrag.status] ?? []).includes(input.status))
        throw conflict(
          'antrag.transition',
          `cannot go from ${antrag.status} to ${input.status}`,
          `Ein Antrag im Status „${ANTRAG_STATUS[antrag.status] ?? antrag.status}“ kann nicht auf „${ANTRAG_STATUS[input.status] ?? input.status}“ gesetzt werden.`,
        );
      const text = input.nachricht?.trim() ?? '';
      if (input.status === 'nachforderung' && !text)
        throw badRequest(
          'antrag.nachricht',
          'a Nachforderung needs a message',
          'Bitte schreiben Sie, welche Unterlagen nachgereicht werden sollen.',
        );
      let bescheid: string | null = null;
      if (input.bescheidDokumentId) {
        if (!['beschieden', 'abgelehnt'].includes(input.status))
          throw badRequest(
            'antrag.bescheid',
            'a Bescheid goes with beschieden/abgelehnt',
            'Ein Bescheid gehört zu „beschieden“ oder „abgelehnt“.',
          );
        const doc = await sql<{
          id: string;
        }>`select id from dokumente where id = ${input.bescheidDokumentId}::uuid and vorgang_id = ${antrag.vorgangId}::uuid`.execute(
          trx,
        );
        if (!doc.rows[0])
          throw badRequest(
            'antrag.bescheid',
            'document not in this Vorgang',
            'Das Bescheid-Dokument gehört nicht zu diesem Vorgang.',
          );
        bescheid = doc.rows[0].id;
        await sql`update dokumente set art = 'ausgang' where id = ${bescheid}::uuid`.execute(trx);
      }
      await sql`update vorgaenge set status = ${input.status}, updated_at = now() where id = ${antrag.vorgangId}::uuid`.execute(
        trx,
      );
      if (antrag.status === 'nachforderung')
        await sql`update antrag_nachrichten set offen = false where antrag_id = ${id}::uuid and art = 'nachforderung'`.execute(
          trx,
        );
      const art = input.status === 'nachforderung' ? 'nachforderung' : bescheid ? 'bescheid' : 'status';
      const citizenText =
        text || `Der Status Ihres Antrags ist jetzt: ${ANTRAG_STATUS[input.status] ?? input.status}.`;
      await sql`insert into antrag_nachrichten (tenant_id, antrag_id, art, text, dokument_id, offen, created_by)
        values (${trx.tenantId}, ${id}::uuid, ${art}, ${citizenText}, ${bescheid}::uuid, ${art === 'nachforderung'}, ${actorOf(principal)})`.execute(
        trx,
      );
      const email =
        (
          await sql<{
            kontakt_email: string | null;
          }>`select kontakt_email from antraege where id = ${id}::uuid`.execute(trx)
        ).rows[0]?.kontakt_email ?? null;
      await enqueueMail(
        trx,
        email,
        `Ihr Antrag ${antrag.nummer}: ${ANTRAG_STATUS[input.status] ?? input.status}`,
        `Guten Tag,\n\n${citizenText}\n${bescheid ? '\nIhr Bescheid steht im Bürgerportal zum Abruf bereit.\n' : ''}${art === 'nachforderung' ? '\nBitte laden Sie die Unterlagen im Bürgerportal mit Ihrem Vorgangscode hoch.\n' : ''}\nAntragsnummer: ${antrag.nummer}\n\nDiese Nachricht wurde automatisch erstellt.`,
      );
      await recordEventInTrx(trx, {
        ereignis: 'vorgang.status',
        vorgangId: antrag.vorgangId,
        leistungId: antrag.leistung.id,
        daten: {
          landkreis: { id: trx.tenantId },
          vorgang: { id: antrag.vorgangId, status: input.status, vorher: antrag.status },
          antrag: { id: antrag.id, nummer: antrag.nummer, leistung: antrag.leistung },
          bescheidDokumentId: bescheid,
        },
      });
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'services.antrag_status',
        objectType: 'antrag',
        objectId: id,
        data: { von: antrag.status, nach: input.status, bescheid, nachricht: text || null },
      });
      const updated = (await loadInTrx(trx, sql`an.id = ${id}::uuid`))!;
      const { definition: _d, ...rest } = updated;
      return rest;
    });
  }

  /** The citizen uploads documents asked for by a Nachforderung (via the tracking code). */
  async function nachreichen(code: string, files: AntragFile[], note: string) {
    const antrag = await track(code);
    if (antrag.status !== 'nachforderung')
      throw conflict(
        'antrag.no_nachforderung',
        'no open Nachforderung',
        'Zu diesem Antrag wurden keine Unterlagen nachgefordert.',
      );
    if (files.length === 0)
      throw badRequest('upload.no_file', 'no file', 'Bitte wählen Sie mindestens eine Datei aus.');
    return database.withTenant(antrag.zustaendig.id, async (trx) => {
      const target = { id: antrag.vorgangId, akteId: antrag.akteId };
      const start = antrag.anlagen.length;
      for (const [i, file] of files.entries()) {
        const doc = await insertDokumentInTrx(
          trx,
          'portal',
          target,
          { fileName: file.fileName, blob: file.blob },
          {
            titel: `Nachreichung: ${file.fileName}`,
            art: 'eingang',
          },
        );
        await sql`insert into antrag_anlagen (tenant_id, antrag_id, nr, zweck, dateiname, mime, groesse, sha256, sha512, dokument_id)
          values (${trx.tenantId}, ${antrag.id}::uuid, ${start + i + 1}, 'attachment', ${file.fileName}, ${doc.mime},
            ${file.blob.size}, ${file.blob.sha256}, ${file.sha512}, ${doc.id}::uuid)`.execute(trx);
      }
      await sql`update vorgaenge set status = 'in-bearbeitung', updated_at = now() where id = ${antrag.vorgangId}::uuid`.execute(
        trx,
      );
      await sql`update antrag_nachrichten set offen = false where antrag_id = ${antrag.id}::uuid and art = 'nachforderung'`.execute(
        trx,
      );
      await sql`insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_by)
        values (${trx.tenantId}, ${antrag.id}::uuid, 'nachreichung', ${`${files.length} Unterlage${files.length === 1 ? '' : 'n'} nachgereicht${note.trim() ? `: ${note.trim().slice(0, 2000)}` : '.'}`}, 'portal')`.execute(
        trx,
      );
      await recordEventInTrx(trx, {
        ereignis: 'vorgang.status',
        vorgangId: antrag.vorgangId,
        leistungId: antrag.leistung.id,
        daten: {
          landkreis: { id: trx.tenantId },
          vorgang: { id: antrag.vorgangId, status: 'in-bearbeitung', vorher: antrag.status },
          antrag: { id: antrag.id, nummer: antrag.nummer, leistung: antrag.leistung },
          nachgereicht: files.map((f) => f.fileName),
        },
      });
      await appendAuditEvent(trx, {
        actor: 'portal',
        action: 'services.antrag_nachreichung',
        objectType: 'antrag',
        objectId: antrag.id,
        data: { dateien: files.map((f) => f.fileName) },
      });
    });
  }

  /** A Bescheid released to the citizen: only documents named in a Bescheid message of this Antrag. */
  async function bescheid(code: string, dokumentId: string) {
    const antrag = await track(code);
    const released = antrag.nachrichten.find((n) => n.art === 'bescheid' && n.dokumentId === dokumentId);
    if (!released) throw notFound('dokument', 'Der Bescheid');
    return { antrag, dokumentId, tenantId: antrag.zustaendig.id };
  }

  /** The Antrag behind a Vorgang (if it came in through the portal or the API), for Fachverfahren. */
  async function idForVorgang(principal: Principal, vorgangId: string) {
    if (!UUID.test(vorgangId)) return null;
    return database.withTenant(principal.tenantId, async (trx) => {
      const { rows } = await sql<{
        id: string;
      }>`select id from antraege where vorgang_id = ${vorgangId}::uuid`.execute(trx);
      return rows[0]?.id ?? null;
    });
  }

  return {
    storeFile,
    submit,
    get,
    list,
    idForVorgang,
    track,
    renderPdf,
    filePdfJob,
    setStatus,
    nachreichen,
    bescheid,
  };
}

export type AntraegeUsecases = ReturnType<typeof createAntraegeUsecases>;
