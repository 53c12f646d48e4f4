import type { Context, Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { hasRole } from '../../platform/http/principal.ts';
import { flashFromQuery } from '../../platform/ui/flash.tsx';
import type { VerbundUsecases } from '../verbund/verbund.module.ts';
import { registerAnbindungenPages } from './anbindungen/anbindungen.pages.tsx';
import { registerFachverfahrenPages } from './fachverfahren/fachverfahren.pages.tsx';
import { AnbindungenPage } from './integrations.page.tsx';
import type { RenderAnbindungen } from './integrations.page-kit.tsx';
import type { IntegrationsUsecases } from './integrations.usecases.ts';
import { registerZustellungPages } from './zustellung/zustellung.pages.tsx';

/** What these handlers use, given by the composition root. */
export type IntegrationsPagesDeps = { integrations: IntegrationsUsecases; verbund: VerbundUsecases };

/** Staff page /anbindungen: monitor, dead letters with redelivery, connector activation, Fachverfahren. */
export function registerIntegrationsPages(app: Hono<AppEnv>, deps: IntegrationsPagesDeps) {
  for (const path of ['/anbindungen', '/anbindungen/*']) app.use(path, resolvePrincipal, csrfProtection);
  const { integrations, verbund } = deps;

  const render: RenderAnbindungen = async (c, extra = {}) => {
    const principal = c.get('principal')!;
    const [connectors, monitor, monitorVerbund, tot, fachverfahren, tenant] = await Promise.all([
      integrations.listConnectors(principal),
      integrations.monitor(principal),
      hasRole(principal, 'verbund-admin')
        ? integrations.monitorVerbund(principal)
        : Promise.resolve(undefined),
      integrations.listDeliveries(principal, { status: 'dead', limit: 50, offset: 0 }),
      integrations.listFachverfahren(principal),
      verbund.getMember(principal.tenantId),
    ]);
    return c.html(
      <AnbindungenPage
        principal={principal}
        tenantName={tenant?.name ?? ''}
        flash={flashFromQuery(c)}
        connectors={connectors}
        monitor={monitor}
        monitorVerbund={monitorVerbund}
        tot={tot.items}
        fachverfahren={fachverfahren}
        {...extra}
      />,
    );
  };

  app.get('/anbindungen', async (c: Context<AppEnv>) => {
    if (!c.get('principal')) return c.redirect(`/anmelden?weiter=${encodeURIComponent(c.req.path)}`, 303);
    return render(c);
  });
  registerAnbindungenPages(app, integrations);
  registerZustellungPages(app, integrations);
  registerFachverfahrenPages(app, { usecases: integrations, render });
}
