import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.ts';
import { streamMultipart } from '../../../platform/http/multipart.ts';
import { badRequest } from '../../../shared/errors.ts';
import { AKTENPLAN_CSV_MAX_BYTES } from './aktenplan.schemas.ts';

const csvTooLarge = () =>
  badRequest('aktenplan.csv_too_large', 'CSV larger than 5 MiB', 'Die CSV-Datei ist größer als 5 MiB.');

/** Collects the CSV file of a multipart upload (field `datei`), refusing more than 5 MiB while it streams. */
export async function readCsvUpload(c: Context<AppEnv>): Promise<Buffer | null> {
  const { file } = await streamMultipart(c, 'datei', async (f) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of f.stream) {
      size += chunk.length;
      if (size > AKTENPLAN_CSV_MAX_BYTES) throw csvTooLarge();
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  });
  return file;
}

/** The CSV sent as the whole request body (text/csv). */
export async function readCsvBody(c: Context<AppEnv>): Promise<Buffer> {
  const buffer = Buffer.from(await c.req.arrayBuffer());
  if (buffer.length > AKTENPLAN_CSV_MAX_BYTES) throw csvTooLarge();
  return buffer;
}
