import type { Context, Hono } from 'hono';
import {
  csrfProtection,
  requirePrincipal,
  resolvePrincipal,
} from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { hasRole } from '../../../platform/http/principal.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import type { Trigger } from '../../../platform/outbox/outbox.ts';
import { badRequest } from '../../../shared/errors.ts';
import type { VerbundUsecases } from '../../verbund/verbund.usecases.ts';
import type { IntegrationsUsecases } from '../integrations.usecases.ts';
import { AnbindungenPage } from './integrations.pages.tsx';

/** What these handlers use, given by the composition root. */
export type IntegrationsDeps = { integrations: IntegrationsUsecases; verbund: VerbundUsecases };

/** Staff page /anbindungen: monitor, dead letters with redelivery, connector activation, Fachverfahren. */
export function registerIntegrationsPages(app: Hono<AppEnv>, deps: IntegrationsDeps) {
  for (const path of ['/anbindungen', '/anbindungen/*']) app.use(path, resolvePrincipal, csrfProtection);

  const render = async (c: Context<AppEnv>, extra: { neuesToken?: { name: string; token: string } } = {}) => {
    const principal = c.get('principal')!;
    const { integrations, verbund } = deps;
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
    const fehler = c.req.query('fehler');
    const ok = c.req.query('ok');
    return c.html(
      <AnbindungenPage
        principal={principal}
        tenantName={tenant?.name ?? ''}
        flash={
          fehler
            ? { kind: 'danger', text: fehler.slice(0, 500) }
            : ok
              ? { kind: 'success', text: ok.slice(0, 300) }
              : undefined
        }
        connectors={connectors}
        monitor={monitor}
        monitorVerbund={monitorVerbund}
        tot={tot.items}
        fachverfahren={fachverfahren}
        {...extra}
      />,
    );
  };
  const action = async (c: Context<AppEnv>, work: () => Promise<string>) => {
    try {
      return c.redirect(`/anbindungen?ok=${encodeURIComponent(await work())}`, 303);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) throw error;
      return c.redirect(`/anbindungen?fehler=${encodeURIComponent(appError.messageDe)}`, 303);
    }
  };
  const fields = async (c: Context<AppEnv>) => {
    const body = await c.req.parseBody();
    return (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  };

  app.get('/anbindungen', async (c) => {
    if (!c.get('principal')) return c.redirect(`/anmelden?weiter=${encodeURIComponent(c.req.path)}`, 303);
    return render(c);
  });

  app.post('/anbindungen/connectoren', async (c) => {
    const principal = requirePrincipal(c);
    const field = await fields(c);
    return action(c, async () => {
      let mapping: Record<string, unknown> | undefined;
      if (field('mapping')) {
        try {
          mapping = JSON.parse(field('mapping'));
        } catch {
          throw badRequest(
            'connector.mapping',
            'mapping is not JSON',
            'Die Abbildung ist kein gültiges JSON.',
          );
        }
      }
      const created = await deps.integrations.defineConnector(principal, {
        id: field('id'),
        name: field('name'),
        ausloeser: field('ausloeser') as Trigger,
        nutzlast: field('nutzlast') as 'json',
        transport: field('transport') as 'webhook',
        filter: field('filter') || null,
        mapping,
      });
      return `Anbindung „${created.name}“ definiert; alle Landkreise können sie jetzt freischalten.`;
    });
  });

  app.post('/anbindungen/connectoren/:id', async (c) => {
    const principal = requirePrincipal(c);
    const field = await fields(c);
    return action(c, async () => {
      const result = await deps.integrations.setActivation(principal, c.req.param('id'), {
        ziel: field('ziel') || null,
        ...(field('secret') ? { secret: field('secret') } : {}),
        status: field('status') === 'paused' ? 'paused' : 'active',
      });
      return result.status === 'active' ? 'Anbindung aktiviert.' : 'Anbindung pausiert.';
    });
  });

  app.post('/anbindungen/zustellungen/:id/erneut', async (c) => {
    const principal = requirePrincipal(c);
    return action(c, async () => {
      await deps.integrations.redeliver(principal, c.req.param('id'));
      return 'Die Zustellung wird erneut versucht.';
    });
  });

  app.post('/anbindungen/fachverfahren', async (c) => {
    const principal = requirePrincipal(c);
    const field = await fields(c);
    try {
      const created = await deps.integrations.registerFachverfahren(principal, {
        kennung: field('kennung'),
        name: field('name'),
      });
      // The token is shown once, in the response body (never in a URL).
      return render(c, { neuesToken: { name: created.name, token: created.token } });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) throw error;
      return c.redirect(`/anbindungen?fehler=${encodeURIComponent(appError.messageDe)}`, 303);
    }
  });
}
