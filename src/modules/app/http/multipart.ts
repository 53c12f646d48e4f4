import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import type { Context } from 'hono';
import { AppError, badRequest } from '../../shared/errors.ts';
import { toAppError } from './problem.ts';

export type MultipartResult<T> = { fields: Record<string, string>; file: T | null; fileName: string | null };

/**
 * Streams a multipart/form-data body: the one file in `fileField` goes to `consume` as it arrives
 * (never buffered whole), other fields are collected (small, limited). Other file fields are
 * drained and ignored. A failing `consume` (e.g. size limit) aborts the request body at once.
 */
export function streamMultipart<T>(
  c: Context,
  fileField: string,
  consume: (file: { fileName: string; stream: AsyncIterable<Uint8Array> }) => Promise<T>,
): Promise<MultipartResult<T>> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType) || !c.req.raw.body)
    return Promise.reject(
      badRequest(
        'upload.not_multipart',
        'expected multipart/form-data',
        `Erwartet wird ein Formular-Upload (multipart/form-data) mit dem Feld „${fileField}“.`,
      ),
    );
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: { fields: 50, fieldSize: 64 * 1024, files: 5, parts: 60 },
      });
    } catch {
      reject(
        badRequest('upload.malformed', 'malformed multipart header', 'Der Upload ist fehlerhaft aufgebaut.'),
      );
      return;
    }
    const source = Readable.fromWeb(c.req.raw.body as unknown as NodeWebReadableStream<Uint8Array>);
    const fields: Record<string, string> = {};
    let pending: Promise<T> | null = null;
    let fileName: string | null = null;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.destroy();
      reject(error);
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        fail(
          badRequest('upload.field_too_long', `field ${name} too long`, `Das Feld „${name}“ ist zu lang.`),
        );
        return;
      }
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== fileField || pending) {
        stream.resume();
        return;
      }
      fileName = info.filename ?? 'dokument';
      pending = consume({ fileName, stream });
      pending.catch(fail);
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
    parser.on('partsLimit', () =>
      fail(badRequest('upload.too_many_parts', 'too many parts', 'Zu viele Felder im Upload.')),
    );
    parser.on('close', async () => {
      if (settled) return;
      try {
        const file = pending ? await pending : null;
        if (settled) return;
        settled = true;
        resolve({ fields, file, fileName });
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
