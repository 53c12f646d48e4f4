import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { redirectWithError } from '../../../platform/ui/flash.tsx';
import { formFields } from '../../../platform/ui/form-fields.ts';
import { badRequest } from '../../../shared/errors.ts';
import { confirmSchema } from '../metadaten/metadaten.schemas.ts';
import { createMetadatenUsecases } from '../metadaten/metadaten.usecases.ts';
import { DokumentVorschlaegeSection } from './dokument-vorschlaege.section.tsx';
import { loadDokumentVorschlaege } from './dokument-vorschlaege.usecases.ts';
import type { PosteingangPagesDeps } from './posteingang-ui.deps.ts';

type Deps = PosteingangPagesDeps & { canWrite: (principal: Principal) => boolean };

const FELDER = ['Aktenzeichen (Bezug)', 'Drucksache', 'Beschluss', 'IBAN', 'Betrag', 'Datum'] as const;
const ARTEN = ['eingang', 'ausgang', 'intern'] as const;

const invalid = () =>
  badRequest(
    'metadaten.vorschlag_invalid',
    'unknown field or value',
    'Dieser Vorschlag lässt sich nicht übernehmen (unbekanntes Feld oder ungültiger Wert).',
  );

/**
 * The Posteingang's part of the document page (records' page includes it through main/): OCR,
 * metadata suggestions and filing suggestions, each "Übernehmen" a plain form POST.
 */
export const dokumentVorschlaegeSection = (deps: Deps) => async (principal: Principal, id: string) => (
  <DokumentVorschlaegeSection
    principal={principal}
    data={await loadDokumentVorschlaege(deps, { principal, id })}
    canWrite={deps.canWrite(principal)}
  />
);

/** "Übernehmen": a suggested value into the document, through the E-Akte's change (checked, audited). */
export function registerDokumentVorschlaegePages(app: Hono<AppEnv>, deps: Deps) {
  const metadaten = createMetadatenUsecases({
    database: deps.database,
    dokumente: deps.records.dokumente,
    aktenplan: deps.records.aktenplan,
  });
  const back = (id: string) => `/dokumente/${id}`;
  // Another county's or an invisible document: the error page (404), not a redirect to it.
  const refuse = (c: Parameters<typeof redirectWithError>[0], id: string, error: unknown) => {
    if (toAppError(error).status === 404) throw error;
    return redirectWithError(c, back(id), error);
  };

  app.post('/posteingang/dokumente/:id/metadaten', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const get = await formFields(c);
    const feld = get('feld');
    const wert = get('wert');
    try {
      const input =
        feld === 'datum'
          ? { datum: wert }
          : feld === 'absender'
            ? { absender: wert }
            : (FELDER as readonly string[]).includes(feld)
              ? { felder: [{ name: feld, wert }] }
              : null;
      const parsed = input ? confirmSchema.safeParse(input) : null;
      if (!parsed?.success) throw invalid();
      await metadaten.confirm(principal, id, parsed.data);
    } catch (error) {
      return refuse(c, id, error);
    }
    const text = `Übernommen: ${feld === 'datum' ? 'Briefdatum' : feld === 'absender' ? 'Absender' : feld} „${wert}“.`;
    return c.redirect(`${back(id)}?ok=${encodeURIComponent(text)}#vorschlaege`, 303);
  });

  app.post('/posteingang/dokumente/:id/ablage', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const art = (await formFields(c))('art');
    try {
      if (!(ARTEN as readonly string[]).includes(art)) throw invalid();
      await deps.records.dokumente.update(principal, id, { art: art as (typeof ARTEN)[number] });
    } catch (error) {
      return refuse(c, id, error);
    }
    return c.redirect(`${back(id)}?ok=${encodeURIComponent('Dokumentart übernommen.')}#vorschlaege`, 303);
  });

  // "In vorgeschlagenen Vorgang verschieben": the E-Akte's move (writer, both Akten open, audited).
  app.post('/posteingang/dokumente/:id/verschieben', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const vorgangId = (await formFields(c))('vorgang');
    let moved: Awaited<ReturnType<typeof deps.records.dokumente.move>>;
    try {
      moved = await deps.records.dokumente.move({ principal, dokumentId: id, vorgangId });
    } catch (error) {
      return refuse(c, id, error);
    }
    const text = `In den Vorgang „${moved.betreff}“ (${moved.aktenzeichen}) verschoben.`;
    return c.redirect(`${back(id)}?ok=${encodeURIComponent(text)}#vorschlaege`, 303);
  });
}
