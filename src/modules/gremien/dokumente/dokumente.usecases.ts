import { createHash } from 'node:crypto';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { findGenerated } from './dokumente.repository.ts';
import {
  renderSitzung,
  renderVorlage,
  requireSitzung,
  requireVorlage,
  type SitzungPdfArt,
} from './erzeugen.ts';

/** A generated document: the PDF/A, its file name, and the E-Akte Dokument holding these very bytes (if filed). */
export type GeneratedPdf = {
  pdf: Buffer;
  fileName: string;
  filed: { dokumentId: string; version: number } | null;
};

/**
 * PDF/A documents from the council data: the Vorlage (Drucksache), the Einladung and the
 * Niederschrift of a session, rendered on every call from the current data. Reading only: filing
 * in the E-Akte belongs to the state changes (ablegen.usecases.ts). The answer names the filed
 * Dokument when the rendition is exactly its latest version (same SHA-256).
 */
export function createGremienDokumenteUsecases({ database }: { database: DatabaseHandle }) {
  async function filedAs(
    trx: Parameters<typeof findGenerated>[0],
    objektId: string,
    art: string,
    pdf: Buffer,
  ) {
    const row = await findGenerated(trx, { objektId, art });
    if (!row) return null;
    return row.sha256 === createHash('sha256').update(pdf).digest('hex')
      ? { dokumentId: row.dokument_id, version: row.version }
      : null;
  }

  async function sitzungPdf(principal: Principal, id: string, art: SitzungPdfArt): Promise<GeneratedPdf> {
    return database.withTenant(principal.tenantId, async (trx) => {
      const { pdf, fileName } = await renderSitzung(trx, await requireSitzung(trx, id), art);
      return { pdf, fileName, filed: await filedAs(trx, id, art, pdf) };
    });
  }

  return {
    vorlagePdf: (principal: Principal, id: string): Promise<GeneratedPdf> =>
      database.withTenant(principal.tenantId, async (trx) => {
        const { pdf, fileName } = await renderVorlage(trx, await requireVorlage(trx, id));
        return { pdf, fileName, filed: await filedAs(trx, id, 'drucksache', pdf) };
      }),
    einladung: (principal: Principal, id: string) => sitzungPdf(principal, id, 'einladung'),
    niederschrift: (principal: Principal, id: string) => sitzungPdf(principal, id, 'niederschrift'),
  };
}

export type GremienDokumenteUsecases = ReturnType<typeof createGremienDokumenteUsecases>;
