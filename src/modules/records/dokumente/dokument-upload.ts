import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.ts';
import { noFileUploaded, streamMultipart } from '../../../platform/http/multipart.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { badRequest } from '../../../shared/errors.ts';
import { DOKUMENT_ARTEN, VERTRAULICHKEIT } from '../records.models.ts';
import type { BlobSink, DokumenteUsecases } from './dokumente.usecases.ts';

type Records = { dokumente: DokumenteUsecases };

/** The text fields of a document upload as the use-case takes them; unknown values are refused. */
export function dokumentUploadFields(fields: Record<string, string>) {
  let metadaten: unknown;
  if (fields.metadaten) {
    try {
      metadaten = JSON.parse(fields.metadaten);
    } catch {
      throw badRequest(
        'dokument.metadata',
        'metadaten is not JSON',
        'Das Feld „metadaten“ ist kein gültiges JSON.',
      );
    }
  }
  const art = fields.art || undefined;
  if (art && !(DOKUMENT_ARTEN as readonly string[]).includes(art))
    throw badRequest(
      'dokument.art',
      'art must be eingang, ausgang or intern',
      'Art: Eingang, Ausgang oder intern.',
    );
  const vertraulichkeit = fields.vertraulichkeit || undefined;
  if (vertraulichkeit && !(VERTRAULICHKEIT as readonly string[]).includes(vertraulichkeit))
    throw badRequest(
      'dokument.vertraulichkeit',
      'invalid vertraulichkeit',
      'Vertraulichkeit: offen, intern oder vertraulich.',
    );
  return {
    titel: fields.titel || null,
    art: art as 'eingang' | 'ausgang' | 'intern' | undefined,
    datum: fields.datum || null,
    absender: fields.absender || null,
    empfaenger: fields.empfaenger || null,
    metadaten: metadaten as never,
    vertraulichkeit: vertraulichkeit as 'offen' | undefined,
  };
}

/** Streams the file of a multipart upload (field `datei`) into `store`; the other fields come along. */
async function receiveFile(c: Context<AppEnv>, store: BlobSink) {
  const { fields, file, fileName } = await streamMultipart(c, 'datei', (f) => store(f.stream));
  if (!file || !fileName) throw noFileUploaded('datei');
  return { fields, file: { fileName, blob: file } };
}

/** Files the uploaded document into a Vorgang: streamed, size-limited, type from content (API and form). */
export const uploadDokument = (
  c: Context<AppEnv>,
  principal: Principal,
  vorgangId: string,
  records: Records,
) =>
  records.dokumente.upload({
    principal,
    vorgangId,
    receive: async (store) => {
      const { fields, file } = await receiveFile(c, store);
      return { file, fields: dokumentUploadFields(fields) };
    },
  });

/** Adds the uploaded file as a new version of a document (API and form). */
export const uploadVersion = (
  c: Context<AppEnv>,
  principal: Principal,
  dokumentId: string,
  records: Records,
) =>
  records.dokumente.uploadVersion({
    principal,
    dokumentId,
    receive: async (store) => {
      const { fields, file } = await receiveFile(c, store);
      return { file, kommentar: fields.kommentar ?? null };
    },
  });
