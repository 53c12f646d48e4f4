import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

// The overview of a county's intake: the newest entries of every channel in one list.

export const KANAELE = ['import', 'ordner', 'mail', 'upload'] as const;
export type Kanal = (typeof KANAELE)[number];

export type EingangRow = {
  kanal: Kanal;
  name: string;
  status: string;
  grund: string | null;
  dokumentId: string | null;
  zeit: string;
  /** The import run, consume folder or intake address the entry belongs to (none for uploads). */
  bezug: string | null;
};

type Row = {
  kanal: Kanal;
  name: string | null;
  status: string;
  grund: string | null;
  dokument_id: string | null;
  zeit: Date;
  bezug: string | null;
};

/**
 * The newest intake of the county, newest first: import outcomes, files of the consume folders,
 * e-mails, uploads by persons and API tokens (documents that no intake registered), and virus
 * findings of uploads and e-mails (import and folders keep theirs as failures with a reason). Each
 * branch reads at most offset + limit + 1 rows in index order (migration 0060), so a page costs
 * the same however much the county took in; the offset is capped by the caller.
 */
export async function listEingaenge(
  trx: TenantTrx,
  { kanal, limit, offset }: { kanal?: Kanal; limit: number; offset: number },
) {
  const n = offset + limit + 1;
  const want = (k: Kanal) => !kanal || kanal === k;
  const branches = [
    want('import') &&
      sql`(select 'import'::text as kanal, f.pfad as name, f.status, f.grund, f.dokument_id, f.created_at as zeit,
             f.lauf_id::text as bezug
           from import_dateien f order by f.created_at desc limit ${n})`,
    want('ordner') &&
      sql`(select 'ordner'::text as kanal, f.pfad as name, f.status, f.grund, f.dokument_id, f.created_at as zeit,
             f.ordner_id::text as bezug
           from eingangsordner_dateien f order by f.id desc limit ${n})`,
    want('mail') &&
      sql`(select 'mail'::text as kanal, m.message_id as name, m.status, null::text as grund, m.dokument_id,
             m.created_at as zeit, m.eingang_id::text as bezug
           from mail_nachrichten m order by m.id desc limit ${n})`,
    want('upload') &&
      sql`(select 'upload'::text as kanal, null::text as name, 'abgelegt'::text as status, null::text as grund, d.id as dokument_id,
             d.created_at as zeit, null::text as bezug
           from dokumente d
           where d.parent_dokument_id is null and (d.created_by like 'user:%' or d.created_by like 'token:%')
             and not exists (select 1 from dokument_versionen v
               join eingang_hashes h on h.tenant_id = v.tenant_id and h.sha256 = v.sha256
               where v.tenant_id = d.tenant_id and v.dokument_id = d.id and v.version = 1 and h.dokument_id = d.id)
           order by d.created_at desc limit ${n})`,
    // Findings of the virus scan the other branches do not show (uploads, portal, e-mail quarantine).
    (want('upload') || want('mail')) &&
      sql`(select case when a.data->>'quelle' = 'intake.mail' then 'mail' else 'upload' end as kanal,
             a.data->>'dateiname' as name,
             case a.action when 'virenscan.infected' then 'virenfund' when 'virenscan.too_large' then 'zu_gross'
                           else 'nicht_geprueft' end as status,
             a.data->>'signatur' as grund, null::uuid as dokument_id, a.occurred_at as zeit, null::text as bezug
           from audit_events a
           where a.action like 'virenscan.%' and coalesce(a.data->>'quelle', '') not in ('import', 'intake.ordner')
             ${kanal === 'mail' ? sql`and a.data->>'quelle' = 'intake.mail'` : kanal === 'upload' ? sql`and coalesce(a.data->>'quelle', '') <> 'intake.mail'` : sql``}
           order by a.seq desc limit ${n})`,
  ].filter((b) => b !== false);
  const { rows } = await sql<Row>`select * from (${sql.join(branches, sql` union all `)}) e
    order by zeit desc limit ${limit + 1} offset ${offset}`.execute(trx);
  return {
    items: rows.slice(0, limit).map(
      (r): EingangRow => ({
        kanal: r.kanal,
        name: r.name ?? '',
        status: r.status,
        grund: r.grund,
        dokumentId: r.dokument_id,
        zeit: r.zeit.toISOString(),
        bezug: r.bezug,
      }),
    ),
    more: rows.length > limit,
  };
}
