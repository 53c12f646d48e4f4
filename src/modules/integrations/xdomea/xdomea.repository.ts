import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import { dokumentVisible, type Viewer, vorgangVisible } from '../../records/records.module.ts';

/** A Vorgang of an exported Akte, as read. */
export type ExportVorgangRow = {
  id: string;
  betreff: string;
  eingangsdatum: Date | string;
  status: string;
  aktenzeichen: string;
};

/** One version of a Dokument of an exported Akte (one row per version), as read. */
export type ExportVersionRow = {
  id: string;
  vorgang_id: string;
  titel: string;
  datum: Date | string;
  art: 'eingang' | 'ausgang' | 'intern';
  version: number;
  dateiname: string;
  mime: string;
  sha256: string;
  groesse: number | string;
  created_at: Date;
};

/** All SQL of the xdomea exchange; what a viewer may see is the E-Akte's visibility rule. */
export const xdomeaRepository = {
  /** The visible Vorgänge of an Akte (or just one of them) and every version of their visible Dokumente. */
  async exportRows(trx: TenantTrx, viewer: Viewer, akteId: string, vorgangId?: string) {
    const { rows: vorgaenge } = await sql<ExportVorgangRow>`
      select vg.id, vg.betreff, vg.eingangsdatum, vg.status, a.aktenzeichen
      from vorgaenge vg join akten a on a.id = vg.akte_id
      where vg.akte_id = ${akteId}::uuid and ${vorgangVisible(viewer)}
        ${vorgangId ? sql`and vg.id = ${vorgangId}::uuid` : sql``}
      order by vg.created_at`.execute(trx);
    if (vorgangId && vorgaenge.length === 0) return { vorgaenge, dokumente: [] };
    const { rows: dokumente } = await sql<ExportVersionRow>`
      select d.id, d.vorgang_id, d.titel, d.datum, d.art, v.version, v.dateiname, v.mime, v.sha256, v.groesse, v.created_at
      from dokumente d join akten a on a.id = d.akte_id join vorgaenge vg on vg.id = d.vorgang_id
      join dokument_versionen v on v.dokument_id = d.id
      where d.akte_id = ${akteId}::uuid and ${dokumentVisible(viewer)}
      order by d.created_at, v.version`.execute(trx);
    return { vorgaenge, dokumente };
  },

  /** The county as the sender of a message. */
  async sender(trx: TenantTrx) {
    const { rows } = await sql<{ name: string; kreisschluessel: string }>`
      select name, kreisschluessel from tenants where id = ${trx.tenantId}`.execute(trx);
    return rows[0]!;
  },

  /** The Akte of a visible Vorgang. */
  async akteOfVorgang(trx: TenantTrx, viewer: Viewer, vorgangId: string) {
    const { rows } = await sql<{ akte_id: string }>`
      select vg.akte_id from vorgaenge vg join akten a on a.id = vg.akte_id
      where vg.id = ${vorgangId}::uuid and ${vorgangVisible(viewer)}`.execute(trx);
    return rows[0]?.akte_id;
  },

  /** The county's Aktenplan unit with this Kennzeichen, if it has one. */
  async aktenplanUnit(trx: TenantTrx, kennzeichen: string) {
    const { rows } = await sql<{ kennzeichen: string }>`
      select kennzeichen from aktenplan_units where kennzeichen = ${kennzeichen}`.execute(trx);
    return rows[0]?.kennzeichen;
  },
};
