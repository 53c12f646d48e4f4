import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { StaffDeps } from '../ozg.deps.ts';
import { staffPage } from '../staff-page.ts';
import { OnlinedienstePage } from './onlinedienste.page.tsx';

/** The staff overview at /onlinedienste (Anträge, services, forms). */
export function registerOnlinedienstePages(app: Hono<AppEnv>, deps: StaffDeps) {
  const { ozg } = deps;
  app.get(
    '/onlinedienste',
    staffPage(
      deps,
      async (c, principal) => {
        const status = (c.req.query('status') ?? '').slice(0, 40);
        const [antraege, leistungen, aktivierungen, formulare] = await Promise.all([
          ozg.antraege.list(principal, { status: status || undefined, limit: 100, offset: 0 }),
          ozg.leistungen.listLeistungen(),
          ozg.leistungen.listAktivierungen(principal),
          ozg.formulare.listFormulare(),
        ]);
        return { status, antraege, leistungen, aktivierungen, formulare };
      },
      (c, frame, data) => c.html(<OnlinedienstePage {...frame} {...data} />),
    ),
  );
}
