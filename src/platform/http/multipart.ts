import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import type { Context } from 'hono';
import { AppError, badRequest } from '../../shared/errors.ts';
import { assertCleanText, cleanFileName } from '../../shared/text.ts';
import { requestTooLarge } from './body-limit.ts';
import { toAppError } from './problem.ts';

/** 400 `upload.no_file`: the form or request carried no file in `field` (one text everywhere). */
export const noFileUploaded = (field: string) =>
  badRequest(
    'upload.no_file',
    `multipart field "${field}" missing`,
    `Es wurde keine Datei im Feld „${field}“ übertragen.`,
  );

export type MultipartResult<T> = { fields: Record<string, string>; file: T | null; fileName: string | null };

/**
 * Streams a multipart/form-data body: the one file in `fileField` goes to `consume` as it arrives
 * (never buffered whole), other fields are collected (small, limited). Other file fields are
 * drained and ignored. A failing `consume` (e.g. size limit) aborts the request body at once.
 * Zero-byte files are passed on (the E-Akte stores them and marks extraction failed).
 */
export async function streamMultipart<T>(
  c: Context,
  fileField: string,
  consume: (file: { fileName: string; stream: AsyncIterable<Uint8Array> }) => Promise<T>,
): Promise<MultipartResult<T>> {
  let taken = false;
  const { fields, files } = await streamMultipartFiles(
    c,
    async ({ field, fileName, stream }) => {
      if (field !== fileField || taken) {
        for await (const _ of stream);
        return { skipped: true as const };
      }
      taken = true;
      return { skipped: false as const, value: await consume({ fileName, stream }) };
    },
    { maxFiles: 5, allowEmpty: true, fieldHint: fileField },
  );
  const mine = files.find((f) => !f.result.skipped);
  return mine && !mine.result.skipped
    ? { fields, file: mine.result.value, fileName: mine.fileName }
    : { fields, file: null, fileName: null };
}

export type MultipartFile<T> = { field: string; fileName: string; result: T };

/** All text fields of one upload together (the files are streamed and limited on their own). */
const MAX_FIELD_BYTES = 1024 * 1024;

/**
 * Like streamMultipart, for several files (e.g. an Antrag with attachments): each file goes to
 * `consume` as it arrives, one after the other (never buffered whole); fields are collected.
 * At most `maxFiles` files; empty file parts (no file chosen in a form) are skipped.
 * Text fields are refused with 400 when they carry control characters or invalid UTF-8; file
 * names lose their control and bidirectional control characters (U+202E would make
 * "rechnung\u202Efdp.exe" show as "rechnungexe.pdf").
 */
export function streamMultipartFiles<T>(
  c: Context,
  consume: (file: { field: string; fileName: string; stream: AsyncIterable<Uint8Array> }) => Promise<T>,
  {
    maxFiles = 20,
    allowEmpty = false,
    fieldHint,
  }: { maxFiles?: number; allowEmpty?: boolean; fieldHint?: string } = {},
): Promise<{ fields: Record<string, string>; files: Array<MultipartFile<T>> }> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType) || !c.req.raw.body)
    return Promise.reject(
      badRequest(
        'upload.not_multipart',
        'expected multipart/form-data',
        fieldHint
          ? `Erwartet wird ein Formular-Upload (multipart/form-data) mit dem Feld „${fieldHint}“.`
          : 'Erwartet wird ein Formular-Upload (multipart/form-data).',
      ),
    );
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: { fields: 500, fieldSize: 1024 * 1024, files: maxFiles, parts: maxFiles + 500 },
      });
    } catch {
      reject(
        badRequest('upload.malformed', 'malformed multipart header', 'Der Upload ist fehlerhaft aufgebaut.'),
      );
      return;
    }
    const source = Readable.fromWeb(c.req.raw.body as unknown as NodeWebReadableStream<Uint8Array>);
    const fields: Record<string, string> = {};
    const pending: Array<Promise<MultipartFile<T>>> = [];
    let settled = false;
    let fieldBytes = 0;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.destroy();
      // Ends the file being streamed with the error, so its consumer removes what it wrote.
      parser.destroy(error instanceof Error ? error : undefined);
      reject(error);
    };
    parser.on('field', (name, value, info) => {
      if (settled) return;
      try {
        assertCleanText(name);
        assertCleanText(value, name);
      } catch (error) {
        return fail(error);
      }
      if (info.valueTruncated)
        return fail(
          badRequest('upload.field_too_long', `field ${name} too long`, `Das Feld „${name}“ ist zu lang.`),
        );
      fieldBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (fieldBytes > MAX_FIELD_BYTES) return fail(requestTooLarge(MAX_FIELD_BYTES));
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      // No filename at all (some API clients): a neutral name; an empty one (a browser's file input
      // with nothing chosen): skipped.
      const fileName = info.filename === undefined ? 'dokument' : cleanFileName(info.filename);
      if (!fileName) {
        stream.resume();
        return;
      }
      // Detect empty parts without buffering: the consumer sees every chunk as it comes.
      let bytes = 0;
      async function* counted() {
        for await (const chunk of stream as AsyncIterable<Uint8Array>) {
          bytes += chunk.length;
          yield chunk;
        }
      }
      const work = consume({ field, fileName, stream: counted() }).then((result) => {
        if (bytes === 0 && !allowEmpty)
          throw badRequest(
            'upload.empty',
            `file ${fileName} is empty`,
            `Die Datei „${fileName}“ ist leer (0 Byte).`,
          );
        return { field, fileName, result };
      });
      work.catch(fail);
      pending.push(work);
    });
    parser.on('error', () =>
      fail(
        badRequest(
          'upload.malformed',
          'malformed multipart body',
          'Der Upload ist fehlerhaft oder unvollständig.',
        ),
      ),
    );
    parser.on('filesLimit', () =>
      fail(badRequest('upload.too_many_files', 'too many files', `Höchstens ${maxFiles} Dateien je Upload.`)),
    );
    parser.on('partsLimit', () =>
      fail(badRequest('upload.too_many_parts', 'too many parts', 'Zu viele Felder im Upload.')),
    );
    parser.on('close', async () => {
      if (settled) return;
      try {
        const files = await Promise.all(pending);
        if (settled) return;
        settled = true;
        resolve({ fields, files });
      } catch (error) {
        fail(error);
      }
    });
    source.on('error', (error) => {
      if (error instanceof AppError || (error as { status?: number }).status === 413) fail(toAppError(error));
      else fail(badRequest('upload.aborted', 'upload aborted', 'Der Upload wurde abgebrochen.'));
    });
    source.pipe(parser);
  });
}
