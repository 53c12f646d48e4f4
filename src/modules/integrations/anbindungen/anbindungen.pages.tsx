import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { Trigger } from '../../../platform/outbox/outbox.ts';
import { formAction, formFields } from '../integrations.page-kit.tsx';
import { anbindungErrors } from './anbindungen.errors.ts';
import type { AnbindungenUsecases } from './anbindungen.usecases.ts';

/** The connector forms of /anbindungen: define one for the Verbund, activate or pause it here. */
export function registerAnbindungenPages(app: Hono<AppEnv>, usecases: AnbindungenUsecases) {
  app.post('/anbindungen/connectoren', async (c) => {
    const principal = requirePrincipal(c);
    const field = await formFields(c);
    return formAction(c, async () => {
      let mapping: Record<string, unknown> | undefined;
      if (field('mapping')) {
        try {
          mapping = JSON.parse(field('mapping'));
        } catch {
          throw anbindungErrors.mappingNotJson();
        }
      }
      const created = await usecases.defineConnector(principal, {
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
    const field = await formFields(c);
    return formAction(c, async () => {
      const result = await usecases.setActivation(principal, c.req.param('id'), {
        ziel: field('ziel') || null,
        ...(field('secret') ? { secret: field('secret') } : {}),
        status: field('status') === 'paused' ? 'paused' : 'active',
      });
      return result.status === 'active' ? 'Anbindung aktiviert.' : 'Anbindung pausiert.';
    });
  });
}
