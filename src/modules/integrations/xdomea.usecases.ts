import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import { actorOf, type Principal } from '../../platform/http/principal.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { cleanFileName } from '../../shared/text.ts';
import { appendAuditEvent } from '../audit/audit.repository.ts';
import type { BlobInput, BlobStore } from '../blobs/blob-store.ts';
import { ByteStream } from '../../platform/parsers/bounded-wire.ts';
import { createImportParsers, type ParserLimits } from '../../platform/parsers/import-parsers.ts';
import {
  createAkteInTrx,
  createVorgangInTrx,
  loadVisibleAkte,
  requireWriter,
} from '../records/akten.usecases.ts';
import { addVersionInTrx, insertDokumentInTrx, loadVorgangContext } from '../records/dokumente.usecases.ts';
import { dokumentVisible, viewerOf, vorgangVisible } from '../records/viewer.ts';
import { buildXdomeaAbgabe, type XdomeaAkte } from './xdomea/xdomea.export.ts';
import type { ImportedXdomeaParts, XdomeaReadOutcome, ZipPart } from './xdomea/xdomea.import.task.ts';

/** An uploaded zip waiting on disk (the import route spools uploads to a temp file as they arrive). */
export type SpooledZip = { path: string; size: number };

/**
 * One file of an imported message, read from where the parser found it in the zip and inflated on
 * the way (zlib streams: off the event loop); the parser has checked it unpacks to `part.size`.
 */
function partInput(zip: Uint8Array | SpooledZip, part: ZipPart): BlobInput {
  if (part.compressedSize === 0) return new Uint8Array(0);
  const end = part.start + part.compressedSize;
  if (zip instanceof Uint8Array && part.compression === 0) return zip.subarray(part.start, end);
  const raw =
    zip instanceof Uint8Array
      ? Readable.from([zip.subarray(part.start, end)])
      : createReadStream(zip.path, { start: part.start, end: end - 1 });
  if (part.compression === 0) return raw;
  return pipeline(raw, createInflateRaw(), () => {});
}

/** Stores the files of a message at most this many at a time (each holds a file open). */
const PUT_CONCURRENCY = 8;

/** Largest Akte exported in one message (all versions' bytes are held while zipping). */
export const XDOMEA_EXPORT_LIMIT_BYTES = 512 * 1024 * 1024;

/**
 * xdomea exchange of the E-Akte: export of an Akte (or one Vorgang) as an xdomea 3.0.0
 * Abgabe.0401 message zip, and import of Abgabe / Aussonderung.0503 messages (3.0.0, 3.1.0)
 * from another DMS into a new Akte, all documents and versions in one transaction.
 */
export function createXdomeaUsecases({
  database,
  blobs,
  parserLimits,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  /** Heap and wall time of the process that unpacks and parses an import (as for text extraction). */
  parserLimits?: ParserLimits;
}) {
  // Imports are unpacked and parsed outside the web process, bounded; two at a time, more wait
  // here. Imports are rare: a parser process ends after a minute without work.
  const parsers = createImportParsers({
    module: new URL('./xdomea/xdomea.import.task.ts', import.meta.url),
    task: 'readXdomeaZipTask',
    size: 2,
    limits: parserLimits,
    code: 'xdomea.too_complex',
    messageDe: (limit) => `Das Archiv ist zu komplex, um es zu lesen (${limit}); es wurde nicht übernommen.`,
  });

  /**
   * The message of an import zip, read in a bounded parser process; refusals and breaches become
   * 422. A zip on disk (a spooled upload) is opened when a parser is free and streams to it.
   */
  async function readMessage(zip: Uint8Array | SpooledZip): Promise<ImportedXdomeaParts> {
    const outcome = await parsers.run<XdomeaReadOutcome>(async () =>
      zip instanceof Uint8Array ? zip : new ByteStream(zip.size, createReadStream(zip.path)),
    );
    if (outcome.ok) return outcome.message;
    throw new AppError({
      code: outcome.code,
      status: 422,
      message: outcome.message,
      messageDe: outcome.messageDe,
    });
  }

  async function exportAkte(principal: Principal, akteId: string, options: { vorgangId?: string } = {}) {
    const data = await database.withTenant(principal.tenantId, async (trx) => {
      const viewer = await viewerOf(trx, principal);
      const akte = await loadVisibleAkte(trx, viewer, akteId);
      const { rows: vorgaenge } = await sql<Record<string, unknown>>`
        select vg.id, vg.betreff, vg.eingangsdatum, vg.status, a.aktenzeichen
        from vorgaenge vg join akten a on a.id = vg.akte_id
        where vg.akte_id = ${akteId}::uuid and ${vorgangVisible(viewer)}
          ${options.vorgangId ? sql`and vg.id = ${options.vorgangId}::uuid` : sql``}
        order by vg.created_at`.execute(trx);
      if (options.vorgangId && vorgaenge.length === 0) throw notFound('vorgang', 'Der Vorgang');
      const { rows: dokumente } = await sql<Record<string, unknown>>`
        select d.id, d.vorgang_id, d.titel, d.datum, d.art, v.version, v.dateiname, v.mime, v.sha256, v.groesse, v.created_at
        from dokumente d join akten a on a.id = d.akte_id join vorgaenge vg on vg.id = d.vorgang_id
        join dokument_versionen v on v.dokument_id = d.id
        where d.akte_id = ${akteId}::uuid and ${dokumentVisible(viewer)}
        order by d.created_at, v.version`.execute(trx);
      const { rows: tenant } = await sql<{ name: string; kreisschluessel: string }>`
        select name, kreisschluessel from tenants where id = ${trx.tenantId}`.execute(trx);
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.xdomea_export',
        objectType: options.vorgangId ? 'vorgang' : 'akte',
        objectId: options.vorgangId ?? akteId,
        data: { vorgaenge: vorgaenge.length, versionen: dokumente.length },
      });
      return { akte, vorgaenge, dokumente, tenant: tenant[0]! };
    });
    const total = data.dokumente.reduce((sum, d) => sum + Number(d.groesse), 0);
    if (total > XDOMEA_EXPORT_LIMIT_BYTES)
      throw new AppError({
        code: 'xdomea.too_large',
        status: 413,
        message: 'Akte too large for one message',
        messageDe:
          'Die Akte ist für eine xdomea-Nachricht zu groß (über 512 MiB); bitte Vorgänge einzeln exportieren.',
      });
    const dateOnly = (v: unknown) =>
      v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
    const akte: XdomeaAkte = {
      id: data.akte.id,
      aktenzeichen: data.akte.aktenzeichen,
      titel: data.akte.titel,
      kennzeichen: data.akte.aktenplan.kennzeichen,
      aktenplanTitel: data.akte.aktenplan.titel,
      createdAt: data.akte.createdAt,
      closedAt: data.akte.closedAt,
      vorgaenge: await Promise.all(
        data.vorgaenge.map(async (vg) => {
          const byDokument = new Map<string, Record<string, unknown>[]>();
          for (const d of data.dokumente.filter((d) => d.vorgang_id === vg.id))
            byDokument.set(d.id as string, [...(byDokument.get(d.id as string) ?? []), d]);
          return {
            id: vg.id as string,
            betreff: vg.betreff as string,
            aktenzeichen: vg.aktenzeichen as string,
            eingangsdatum: dateOnly(vg.eingangsdatum),
            status: vg.status as string,
            dokumente: await Promise.all(
              [...byDokument.values()].map(async (versions) => ({
                id: versions[0]!.id as string,
                titel: versions[0]!.titel as string,
                datum: dateOnly(versions[0]!.datum),
                art: versions[0]!.art as 'eingang',
                versionen: await Promise.all(
                  versions.map(async (v) => ({
                    version: v.version as number,
                    dateiname: v.dateiname as string,
                    mime: v.mime as string,
                    bytes: await blobs.read(v.sha256 as string),
                    erstellt: (v.created_at as Date).toISOString(),
                  })),
                ),
              })),
            ),
          };
        }),
      ),
    };
    return buildXdomeaAbgabe({
      akte,
      onlyVorgangId: options.vorgangId,
      sender: {
        behoerde: data.tenant.name,
        kennung: data.tenant.kreisschluessel,
        system: 'Verbund E-Government',
      },
    });
  }

  async function exportVorgang(principal: Principal, vorgangId: string) {
    if (!/^[0-9a-f-]{36}$/i.test(vorgangId)) throw notFound('vorgang', 'Der Vorgang');
    const akteId = await database.withTenant(principal.tenantId, async (trx) => {
      const viewer = await viewerOf(trx, principal);
      const { rows } = await sql<{ akte_id: string }>`
        select vg.akte_id from vorgaenge vg join akten a on a.id = vg.akte_id
        where vg.id = ${vorgangId}::uuid and ${vorgangVisible(viewer)}`.execute(trx);
      return rows[0]?.akte_id;
    });
    if (!akteId) throw notFound('vorgang', 'Der Vorgang');
    return exportAkte(principal, akteId, { vorgangId });
  }

  /** Imports a foreign xdomea message into a new Akte (unit from the message if it exists here). */
  async function importMessage(principal: Principal, zip: Uint8Array | SpooledZip) {
    requireWriter(principal);
    const message = await readMessage(zip);
    // Blobs first (content-addressed, outside the transaction), then everything else atomically.
    // Each file streams from the zip into the store: a large message is never held here whole.
    let active = 0;
    const waiting: Array<() => void> = [];
    const put = async (part: ZipPart) => {
      while (active >= PUT_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        const blob = await blobs.put(partInput(zip, part), { maxBytes: part.size });
        if (blob.size !== part.size)
          throw new Error(`zip member unpacked to ${blob.size} bytes, the parser counted ${part.size}`);
        return blob;
      } finally {
        active--;
        waiting.shift()?.();
      }
    };
    const stored = await Promise.all(
      message.vorgaenge.map((vg) =>
        Promise.all(
          vg.dokumente.map((d) =>
            Promise.all(d.dateien.map(async (f) => ({ fileName: f.dateiname, blob: await put(f.part) }))),
          ),
        ),
      ),
    );
    const actor = actorOf(principal);
    return database.withTenant(principal.tenantId, async (trx) => {
      const unit = message.akte.kennzeichen
        ? (
            await sql<{
              kennzeichen: string;
            }>`select kennzeichen from aktenplan_units where kennzeichen = ${message.akte.kennzeichen}`.execute(
              trx,
            )
          ).rows[0]
        : undefined;
      const akte = await createAkteInTrx(trx, actor, {
        titel: message.akte.titel.slice(0, 500) || 'Übernommene Akte (xdomea)',
        aktenplan: unit?.kennzeichen,
      });
      let dokumente = 0;
      for (const [i, vg] of message.vorgaenge.entries()) {
        const vorgang = await createVorgangInTrx(trx, actor, akte.id, {
          betreff: vg.betreff.slice(0, 500) || 'Übernommener Vorgang',
          externeReferenz: vg.aktenzeichen ? `xdomea:${vg.aktenzeichen}`.slice(0, 200) : null,
        });
        const target = {
          id: vorgang.id,
          akteId: akte.id,
          context: await loadVorgangContext(trx, vorgang.id),
        };
        for (const [j, d] of vg.dokumente.entries()) {
          const files = stored[i]![j]!;
          if (files.length === 0) continue;
          const doc = await insertDokumentInTrx(trx, actor, target, files[0]!, {
            titel: d.titel || cleanFileName(files[0]!.fileName),
            datum: d.datum,
            art: 'eingang',
          });
          for (const file of files.slice(1))
            await addVersionInTrx(trx, actor, doc.id, file, 'aus xdomea übernommen');
          dokumente++;
        }
      }
      await appendAuditEvent(trx, {
        actor,
        action: 'integrations.xdomea_import',
        objectType: 'akte',
        objectId: akte.id,
        data: {
          version: message.version,
          nachrichtentyp: message.nachrichtentyp,
          prozessId: message.prozessId,
          aktenzeichenAlt: message.akte.aktenzeichen,
          vorgaenge: message.vorgaenge.length,
          dokumente,
        },
      });
      return {
        id: akte.id,
        aktenzeichen: akte.aktenzeichen,
        vorgaenge: message.vorgaenge.length,
        dokumente,
        nachrichtentyp: message.nachrichtentyp,
        version: message.version,
      };
    });
  }

  return {
    exportAkte,
    exportVorgang,
    importMessage,
    parserStats: () => parsers.stats(),
    close: () => parsers.close(),
  };
}

export type XdomeaUsecases = ReturnType<typeof createXdomeaUsecases>;
