import type { TenantTrx } from '../../../platform/database/database.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import type { FormDefinition } from '../formulare/form.models.ts';
import { byId, hasDokumentNamed, loadAntrag } from './antraege.repository.ts';
import { renderAntragPdf } from './antrag.render.ts';
import { fileAntragDokument } from './antrag-dokumente.ts';

/** What the PDF rendition needs of an Antrag (tracked, or loaded by the job). */
export type AntragForPdf = {
  nummer: string;
  eingang: string;
  leistung: { name: string; leika: string };
  gemeinde: { ags: string; name: string };
  zustaendig: { name: string };
  formular: { id: string; version: number } | null;
  definition: FormDefinition | null;
  daten: Record<string, unknown>;
  anlagen: Array<{ dateiname: string; groesse: number }>;
  trackingCode: string;
};

/** Renders the Antrag (PDF/A): the receipt for the citizen, the form document for the E-Akte. */
export function renderPdf(antrag: AntragForPdf, kind: 'quittung' | 'formular') {
  return renderAntragPdf(
    {
      nummer: antrag.nummer,
      eingang: new Date(antrag.eingang),
      leistung: antrag.leistung,
      gemeinde: antrag.gemeinde,
      zustaendig: antrag.zustaendig.name,
      formular:
        antrag.formular && antrag.definition ? { ...antrag.formular, title: antrag.definition.title } : null,
      definition: antrag.definition,
      daten: antrag.daten,
      anlagen: antrag.anlagen,
      trackingCode: kind === 'quittung' ? antrag.trackingCode : undefined,
    },
    kind,
  );
}

/** Job: files the form as PDF/A into the Vorgang. Idempotent per Antrag. */
export function createAntragPdfJob({ blobs }: { blobs: BlobStore }) {
  return async function filePdfJob({ trx, payload }: { trx: TenantTrx; payload: Record<string, unknown> }) {
    const antrag = await loadAntrag(trx, byId(String(payload.antragId)));
    if (!antrag) return;
    const fileName = `antrag-${antrag.nummer}.pdf`;
    if (await hasDokumentNamed(trx, antrag.vorgangId, fileName)) return;
    const pdf = await renderPdf({ ...antrag, trackingCode: '' }, 'formular');
    const blob = await blobs.put(pdf);
    await fileAntragDokument(trx, {
      actor: 'system:antrag-pdf',
      vorgang: { id: antrag.vorgangId, akteId: antrag.akteId },
      fileName,
      blob,
      titel: `Antragsformular ${antrag.nummer} (PDF/A)`,
    });
  };
}
