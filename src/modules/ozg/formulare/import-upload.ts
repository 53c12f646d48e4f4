import type { Context } from 'hono';
import { noFileUploaded, streamMultipartFiles } from '../../../platform/http/multipart.ts';
import { ByteStream } from '../../../platform/parsers/bounded-wire.ts';
import { formularErrors } from './formulare.errors.ts';
import { IMPORT_LIMIT_BYTES, type ImportFile } from './formulare.usecases.ts';

/**
 * Reads the files of a FIM import upload (schema, code lists, ZIP): small by nature, limited to
 * 10 MiB in total while streaming. The chunks are kept as they came and go on to the parser process
 * as a stream (never joined here: the web process does no work per byte). Used by the API and the
 * staff page.
 */
export async function readImportUpload(c: Context) {
  let total = 0;
  const { fields, files } = await streamMultipartFiles(
    c,
    async ({ stream, fileName }): Promise<ImportFile> => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of stream) {
        total += chunk.length;
        size += chunk.length;
        if (total > IMPORT_LIMIT_BYTES) throw formularErrors.tooLarge();
        chunks.push(chunk);
      }
      return {
        name: fileName,
        bytes: new ByteStream(
          size,
          (async function* () {
            yield* chunks;
          })(),
        ),
      };
    },
    { maxFiles: 200 },
  );
  if (files.length === 0) throw noFileUploaded('datei');
  return { fields, files: files.map((f) => f.result) };
}
