import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.ts';
import { flashFromQuery } from '../../../platform/ui/flash.tsx';
import type { StaffDeps } from '../ozg.deps.ts';
import { OnlinedienstePage } from './onlinedienste.page.tsx';

/** The staff overview at /onlinedienste (Anträge, services, forms). */
export function registerOnlinedienstePages(
  app: Hono<AppEnv>,
  { ozg, verbund }: StaffDeps,
  login: (c: Context<AppEnv>) => Response,
) {
  app.get('/onlinedienste', async (c) => {
    const principal = c.get('principal');
    if (!principal) return login(c);
    const status = (c.req.query('status') ?? '').slice(0, 40);
    const [antraege, leistungen, aktivierungen, formulare, tenant] = await Promise.all([
      ozg.antraege.list(principal, { status: status || undefined, limit: 100, offset: 0 }),
      ozg.leistungen.listLeistungen(),
      ozg.leistungen.listAktivierungen(principal),
      ozg.formulare.listFormulare(),
      verbund.getMember(principal.tenantId),
    ]);
    return c.html(
      <OnlinedienstePage
        principal={principal}
        tenantName={tenant?.name ?? ''}
        flash={flashFromQuery(c)}
        antraege={antraege}
        status={status}
        leistungen={leistungen}
        aktivierungen={aktivierungen}
        formulare={formulare}
      />,
    );
  });
}
