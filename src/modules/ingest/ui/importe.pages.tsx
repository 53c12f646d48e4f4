import { opendir } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { formFields } from '../../../platform/ui/form-fields.ts';
import { type PageFrame, pageFrame, toLogin } from '../../../platform/ui/page-frame.ts';
import {
  ImporteListePage,
  type ImportFormErrors,
  type ImportFormValues,
  ImportFortschritt,
  ImportPage,
} from './importe.page.tsx';
import type { PosteingangPagesDeps } from './posteingang-ui.deps.ts';

/** The folders at the top of the county's import directory (at most 50, hidden ones left out). */
async function topFolders(root: string) {
  const names: string[] = [];
  const dir = await opendir(root).catch(() => null);
  if (!dir) return names;
  for await (const entry of dir) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) names.push(entry.name);
    if (names.length >= 50) break;
  }
  return names.sort((a, b) => a.localeCompare(b, 'de'));
}

/** Bulk import in the staff UI: start (a background job), list, follow one with its progress. */
export function registerImportePages(app: Hono<AppEnv>, deps: PosteingangPagesDeps) {
  const { importe } = deps;

  async function renderList(
    c: Context<AppEnv>,
    frame: PageFrame,
    values: ImportFormValues = { verzeichnis: '', aktenplan: '' },
    errors: ImportFormErrors = {},
  ) {
    const [laeufe, verzeichnisse] = await Promise.all([
      importe.list(frame.principal),
      topFolders(path.join(deps.config.intake.importRoot, frame.principal.tenantId)),
    ]);
    return c.html(
      <ImporteListePage
        frame={frame}
        laeufe={laeufe}
        verzeichnisse={verzeichnisse}
        values={values}
        errors={errors}
      />,
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/posteingang/importe', async (c) => {
    const frame = await pageFrame(c, deps.verbund);
    return frame ? renderList(c, frame) : toLogin(c);
  });

  app.post('/posteingang/importe', async (c) => {
    requirePrincipal(c);
    const frame = (await pageFrame(c, deps.verbund))!;
    const get = await formFields(c);
    const values = { verzeichnis: get('verzeichnis'), aktenplan: get('aktenplan') };
    if (!values.verzeichnis || values.verzeichnis.length > 1000)
      return renderList(c, frame, values, {
        verzeichnis: 'Bitte geben Sie den Ordner an, der importiert werden soll (höchstens 1.000 Zeichen).',
      });
    if (values.aktenplan.length > 50)
      return renderList(c, frame, values, { aktenplan: 'Das Kennzeichen hat höchstens 50 Zeichen.' });
    try {
      const lauf = await importe.start(frame.principal, {
        verzeichnis: values.verzeichnis,
        ...(values.aktenplan ? { aktenplan: values.aktenplan } : {}),
      });
      const text = `Import gestartet: ${lauf.gesamt ?? 0} Dateien in Akte ${lauf.aktenzeichen}.`;
      return c.redirect(`/posteingang/importe/${lauf.id}?ok=${encodeURIComponent(text)}`, 303);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500 || [401, 403, 404].includes(appError.status)) throw error;
      const field = appError.code.startsWith('aktenplan.') ? 'aktenplan' : 'verzeichnis';
      return renderList(c, frame, values, { [field]: appError.messageDe });
    }
  });

  app.get('/posteingang/importe/:id', async (c) => {
    const frame = await pageFrame(c, deps.verbund);
    if (!frame) return toLogin(c);
    const lauf = await importe.get(frame.principal, c.req.param('id'));
    return c.html(<ImportPage frame={frame} lauf={lauf} />);
  });

  // The refreshing part alone, for htmx (hx-get every 2 s while the import runs).
  app.get('/posteingang/importe/:id/fortschritt', async (c) => {
    const lauf = await importe.get(requirePrincipal(c), c.req.param('id'));
    return c.html(<ImportFortschritt lauf={lauf} />);
  });
}
