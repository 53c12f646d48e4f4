import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { BlobInput, BlobStore, StoredBlob } from '../../blobs/blobs.module.ts';
import type { ImportedXdomeaParts, ZipPart } from './xdomea.import.task.ts';
import type { SpooledZip } from './xdomea.reader.ts';

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

export type StoredFile = { fileName: string; blob: StoredBlob };

/**
 * Stores every file of the message in the blob store (content-addressed, outside any transaction),
 * each streaming from the zip: a large message is never held here whole. The result has the
 * message's shape: per Vorgang, per Dokument, its files in version order.
 */
export async function storeMessageFiles({
  blobs,
  zip,
  message,
}: {
  blobs: BlobStore;
  zip: Uint8Array | SpooledZip;
  message: ImportedXdomeaParts;
}): Promise<StoredFile[][][]> {
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
  return Promise.all(
    message.vorgaenge.map((vg) =>
      Promise.all(
        vg.dokumente.map((d) =>
          Promise.all(d.dateien.map(async (f) => ({ fileName: f.dateiname, blob: await put(f.part) }))),
        ),
      ),
    ),
  );
}
