import type { XdomeaAkte } from './xdomea.export.models.ts';
import type { ExportVersionRow, ExportVorgangRow } from './xdomea.repository.ts';

/** Largest Akte exported in one message (all versions' bytes are held while zipping). */
export const XDOMEA_EXPORT_LIMIT_BYTES = 512 * 1024 * 1024;

/** The bytes of every version of an export together. */
export const exportBytes = (dokumente: ExportVersionRow[]) =>
  dokumente.reduce((sum, d) => sum + Number(d.groesse), 0);

const dateOnly = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The Akte the export reads, as the Abgabe message holds it: Vorgänge, Dokumente, versions with bytes. */
export async function toXdomeaAkte({
  akte,
  vorgaenge,
  dokumente,
  readBytes,
}: {
  akte: {
    id: string;
    aktenzeichen: string;
    titel: string;
    aktenplan: { kennzeichen: string; titel: string };
    createdAt: string;
    closedAt: string | null;
  };
  vorgaenge: ExportVorgangRow[];
  dokumente: ExportVersionRow[];
  readBytes: (sha256: string) => Promise<Uint8Array>;
}): Promise<XdomeaAkte> {
  return {
    id: akte.id,
    aktenzeichen: akte.aktenzeichen,
    titel: akte.titel,
    kennzeichen: akte.aktenplan.kennzeichen,
    aktenplanTitel: akte.aktenplan.titel,
    createdAt: akte.createdAt,
    closedAt: akte.closedAt,
    vorgaenge: await Promise.all(
      vorgaenge.map(async (vg) => {
        const byDokument = new Map<string, ExportVersionRow[]>();
        for (const d of dokumente.filter((d) => d.vorgang_id === vg.id))
          byDokument.set(d.id, [...(byDokument.get(d.id) ?? []), d]);
        return {
          id: vg.id,
          betreff: vg.betreff,
          aktenzeichen: vg.aktenzeichen,
          eingangsdatum: dateOnly(vg.eingangsdatum),
          status: vg.status,
          dokumente: await Promise.all(
            [...byDokument.values()].map(async (versions) => ({
              id: versions[0]!.id,
              titel: versions[0]!.titel,
              datum: dateOnly(versions[0]!.datum),
              art: versions[0]!.art,
              versionen: await Promise.all(
                versions.map(async (v) => ({
                  version: v.version,
                  dateiname: v.dateiname,
                  mime: v.mime,
                  bytes: await readBytes(v.sha256),
                  erstellt: v.created_at.toISOString(),
                })),
              ),
            })),
          ),
        };
      }),
    ),
  };
}
