import type { Context, Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { flashFromQuery, redirectWithError } from '../../../platform/ui/flash.tsx';
import type { StaffDeps } from '../ozg.deps.ts';
import { AntragPage } from './antrag.page.tsx';

/** One Antrag for the case worker (/onlinedienste/antraege/:id) and its case work (status form). */
export function registerAntraegePages(
  app: Hono<AppEnv>,
  { ozg, records, verbund }: StaffDeps,
  login: (c: Context<AppEnv>) => Response,
) {
  app.get('/onlinedienste/antraege/:id', async (c) => {
    const principal = c.get('principal');
    if (!principal) return login(c);
    const antrag = await ozg.antraege.get(principal, c.req.param('id'));
    const [form, dokumente, tenant] = await Promise.all([
      antrag.formular ? ozg.formulare.getFormularVersion(antrag.formular.id, antrag.formular.version) : null,
      records.dokumente.listForVorgang(principal, antrag.vorgangId, { limit: 200, offset: 0 }),
      verbund.getMember(principal.tenantId),
    ]);
    return c.html(
      <AntragPage
        principal={principal}
        tenantName={tenant?.name ?? ''}
        flash={flashFromQuery(c)}
        antrag={antrag}
        definition={form?.definition ?? null}
        dokumente={dokumente.items.map((d) => ({ id: d.id, titel: d.titel }))}
      />,
    );
  });

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
