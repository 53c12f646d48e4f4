import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { formAction } from '../integrations.page-kit.tsx';
import type { ZustellungUsecases } from './zustellung.usecases.ts';

/** The redelivery button of the dead-letter list on /anbindungen. */
export function registerZustellungPages(app: Hono<AppEnv>, usecases: ZustellungUsecases) {
  app.post('/anbindungen/zustellungen/:id/erneut', async (c) => {
    const principal = requirePrincipal(c);
    return formAction(c, async () => {
      await usecases.redeliver(principal, c.req.param('id'));
      return 'Die Zustellung wird erneut versucht.';
    });
  });
}
