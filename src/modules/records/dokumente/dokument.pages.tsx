import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { DOKUMENT_ARTEN, VERTRAULICHKEIT } from '../records.models.ts';
import {
  formAction,
  formFields,
  pageBase,
  type RecordsPagesDeps,
  toLogin,
  withOk,
} from '../records.page-kit.ts';
import { DokumentPage } from './dokument.page.tsx';
import { uploadDokument, uploadVersion } from './dokument-upload.ts';

const oneOf = <T extends string>(values: readonly T[], value: string) =>
  (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** The document pages: uploading into a Vorgang, showing, changing the metadata, a new version. */
export function registerDokumentPages(
  app: Hono<AppEnv>,
  { records, verbund, dokumentSection }: RecordsPagesDeps,
) {
  app.post('/vorgaenge/:id/dokumente', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    return formAction(c, `/vorgaenge/${id}`, async () => {
      const uploaded = await uploadDokument(c, principal, id, records);
      return withOk(`/vorgaenge/${id}`, `„${uploaded.titel}“ hochgeladen.`, '#dokumente');
    });
  });

  app.get('/dokumente/:id', async (c) => {
    const b = await pageBase(c, verbund);
    if (!b) return toLogin(c);
    const id = c.req.param('id');
    const dokument = await records.dokumente.get(b.principal, id);
    const [versions, text, section] = await Promise.all([
      records.dokumente.versions(b.principal, id),
      records.dokumente.text(b.principal, id),
      dokumentSection?.(b.principal, id),
    ]);
    await records.postkorb.markOpened(b.principal, { dokumentIds: [id] });
    return c.html(
      <DokumentPage {...b} dokument={dokument} versions={versions} text={text.text} section={section} />,
    );
  });

  app.post('/dokumente/:id', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const get = await formFields(c);
    return formAction(c, `/dokumente/${id}`, async () => {
      await records.dokumente.update(principal, id, {
        titel: get('titel') || undefined,
        art: oneOf(DOKUMENT_ARTEN, get('art')),
        datum: get('datum') || undefined,
        absender: get('absender') || null,
        empfaenger: get('empfaenger') || null,
        vertraulichkeit: oneOf(VERTRAULICHKEIT, get('vertraulichkeit')),
      });
      return withOk(`/dokumente/${id}`, 'Angaben gespeichert.');
    });
  });

  app.post('/dokumente/:id/versionen', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    return formAction(c, `/dokumente/${id}`, async () => {
      const d = await uploadVersion(c, principal, id, records);
      return withOk(`/dokumente/${id}`, `Version ${d.version} gespeichert.`);
    });
  });
}
