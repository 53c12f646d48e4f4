import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestContext } from '../../../test/support/context.ts';

/** The standards shipped beside the repository (real FIM schemas, FIT-Connect schemas). */
export const STANDARDS = path.resolve(import.meta.dirname, '../../../../shared/standards');
export const XDF = path.join(STANDARDS, 'xdatenfelder/examples');
export const BEWOHNERPARKEN = path.join(XDF, 'bewohnerparken');

/** A test instance and a token of Nordhausen's administration with case work roles. */
export async function ozgTestContext() {
  const t = await createTestContext();
  return { t, admin: await t.tokenFor('nordhausen', ['kreis-admin', 'sachbearbeitung', 'leitung']) };
}

/** A multipart body of text fields and files ([field, content, file name]). */
export const fileForm = (
  files: Array<[string, string | Uint8Array, string]>,
  fields: Record<string, string> = {},
) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  for (const [field, content, name] of files) form.append(field, new Blob([content as BlobPart]), name);
  return form;
};

/** The real Bewohnerparkausweis schema and its code lists, as files of the field `datei`. */
export function bewohnerparkenFiles(): Array<[string, Uint8Array, string]> {
  return readdirSync(BEWOHNERPARKEN).map((f) => ['datei', readFileSync(path.join(BEWOHNERPARKEN, f)), f]);
}
