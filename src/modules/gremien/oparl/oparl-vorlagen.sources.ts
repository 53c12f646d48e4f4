import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { CONSULTATION_ROLE, label, PAPER_TYPE } from './oparl.labels.ts';
import { compact, dateTime, tombstone, typeOf } from './oparl.models.ts';
import { selectStamped } from './oparl.repository.ts';
import { defineSource, groupBy, type OparlObject, type RenderContext } from './oparl.sources.ts';
import {
  type ConsultationRow,
  consultationBase,
  type FileRow,
  fileBase,
  type PaperRow,
  paperBase,
  saveSha512,
} from './oparl-vorlagen.repository.ts';

const stamps = (row: { created: Date; modified: Date }) => ({
  created: dateTime(row.created),
  modified: dateTime(row.modified),
});

async function renderConsultations(rows: ConsultationRow[], { urls, bodyId }: RenderContext) {
  return rows.map((row) => {
    const id = urls.object(bodyId, 'consultation', row.id);
    return compact({
      id,
      type: typeOf('consultation'),
      paper: urls.object(bodyId, 'paper', row.vorlage_id),
      agendaItem: row.top_id ? urls.object(bodyId, 'agendaItem', row.top_id) : null,
      meeting: row.sitzung_id ? urls.object(bodyId, 'meeting', row.sitzung_id) : null,
      organization: [urls.object(bodyId, 'organization', row.gremium_id)],
      authoritative: row.zustaendigkeit === 'entscheidung',
      role: label(CONSULTATION_ROLE, row.zustaendigkeit),
      ...stamps(row),
    }) as OparlObject;
  });
}

/**
 * The SHA-512 the blob store does not keep: computed once per content on its first OParl read
 * (streamed, verified by the store) and kept in datei_pruefsummen.
 */
async function fillSha512(rows: FileRow[], ctx: RenderContext) {
  const missing = [...new Set(rows.filter((r) => !r.deleted && !r.sha512).map((r) => r.sha256))];
  const sums: Array<{ sha256: string; sha512: string }> = [];
  for (const sha256 of missing) {
    const hash = createHash('sha512');
    try {
      const { body } = await ctx.blobs.stream(sha256);
      for await (const chunk of body) hash.update(chunk);
      sums.push({ sha256, sha512: hash.digest('hex') });
    } catch {
      // An unreadable content leaves the checksum out (it is optional) rather than failing the list.
    }
  }
  await saveSha512(ctx.trx, sums);
  const bySha = new Map(sums.map((s) => [s.sha256, s.sha512]));
  for (const row of rows) row.sha512 ??= bySha.get(row.sha256) ?? null;
}

async function renderFiles(rows: FileRow[], ctx: RenderContext) {
  await fillSha512(rows, ctx);
  const { urls, bodyId } = ctx;
  return rows.map((row) => {
    const id = urls.object(bodyId, 'file', row.id);
    if (row.deleted) return tombstone(id, typeOf('file'), row) as OparlObject;
    return compact({
      id,
      type: typeOf('file'),
      name: row.titel,
      fileName: row.dateiname,
      mimeType: row.mime,
      date: row.datum,
      size: Number(row.groesse),
      sha512Checksum: row.sha512,
      accessUrl: urls.fileAccess(bodyId, row.id),
      downloadUrl: urls.fileDownload(bodyId, row.id),
      paper: [urls.object(bodyId, 'paper', row.vorlage_id)],
      ...stamps(row),
    }) as OparlObject;
  });
}

export const consultationSource = defineSource<ConsultationRow>({
  base: consultationBase,
  render: renderConsultations,
});

export const fileSource = defineSource<FileRow>({ base: fileBase, render: renderFiles });

export const paperSource = defineSource<PaperRow>({
  base: paperBase,
  async render(rows, ctx) {
    const { urls, bodyId, trx } = ctx;
    const live = rows.filter((r) => !r.deleted).map((r) => r.id);
    const embed = !ctx.omitInternal && live.length > 0;
    const consultations = embed
      ? groupBy(
          await selectStamped<ConsultationRow>(trx, consultationBase, {
            of: sql`x.vorlage_id = any(${live}::uuid[])`,
          }),
          (c) => c.vorlage_id,
        )
      : new Map<string, ConsultationRow[]>();
    const files = embed
      ? groupBy(
          await selectStamped<FileRow>(trx, fileBase, { of: sql`x.vorlage_id = any(${live}::uuid[])` }),
          (f) => f.vorlage_id,
        )
      : new Map<string, FileRow[]>();
    const out: OparlObject[] = [];
    for (const row of rows) {
      const id = urls.object(bodyId, 'paper', row.id);
      if (row.deleted) {
        out.push(tombstone(id, typeOf('paper'), row) as OparlObject);
        continue;
      }
      const beratung = (consultations.get(row.id) ?? []).sort((a, b) => a.position - b.position);
      const anlagen = (files.get(row.id) ?? []).sort((a, b) => a.position - b.position);
      out.push(
        compact({
          id,
          type: typeOf('paper'),
          body: urls.body(bodyId),
          name: row.betreff,
          reference: row.drucksachen_nr,
          date: row.einreichung ?? row.veroeffentlicht_am.toISOString().slice(0, 10),
          paperType: label(PAPER_TYPE, row.art),
          auxiliaryFile: embed ? await renderFiles(anlagen, ctx) : null,
          consultation: embed ? await renderConsultations(beratung, ctx) : null,
          ...stamps(row),
        }) as OparlObject,
      );
    }
    return out;
  },
});
