import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { redirectWithError } from '../../../platform/ui/flash.tsx';
import type { StaffDeps } from '../ozg.deps.ts';
import { staffPage } from '../staff-page.ts';
import { AntragPage } from './antrag.page.tsx';

/** One Antrag for the case worker (/onlinedienste/antraege/:id) and its case work (status form). */
export function registerAntraegePages(app: Hono<AppEnv>, deps: StaffDeps) {
  const { ozg, records } = deps;
  app.get(
    '/onlinedienste/antraege/:id',
    staffPage(
      deps,
      async (c, principal) => {
        const antrag = await ozg.antraege.get(principal, c.req.param('id') ?? '');
        const [form, dokumente] = await Promise.all([
          antrag.formular
            ? ozg.formulare.getFormularVersion(antrag.formular.id, antrag.formular.version)
            : null,
          records.dokumente.listForVorgang(principal, antrag.vorgangId, { limit: 200, offset: 0 }),
        ]);
        return { antrag, definition: form?.definition ?? null, dokumente: dokumente.items };
      },
      (c, frame, data) =>
        c.html(
          <AntragPage
            {...frame}
            antrag={data.antrag}
            definition={data.definition}
            dokumente={data.dokumente.map((d) => ({ id: d.id, titel: d.titel }))}
          />,
        ),
    ),
  );

  app.post('/onlinedienste/antraege/:id/status', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
    try {
      await ozg.antraege.setStatus(principal, id, {
        status: field('status'),
        nachricht: field('nachricht') || null,
        bescheidDokumentId: field('bescheidDokumentId') || null,
      });
      return c.redirect(`/onlinedienste/antraege/${id}?ok=${encodeURIComponent('Status gesetzt.')}`, 303);
    } catch (error) {
      return redirectWithError(c, `/onlinedienste/antraege/${id}`, error);
    }
  });
}
