import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import {
  formAction,
  formFields,
  pageBase,
  type RecordsPagesDeps,
  toLogin,
  withOk,
} from '../records.page-kit.ts';
import { VORGANG_STATUS, type VorgangStatus } from './vorgaenge.models.ts';
import { VorgangPage } from './vorgang.page.tsx';

/** The Vorgang pages: creating one in an Akte, showing and changing it. */
export function registerVorgangPages(app: Hono<AppEnv>, deps: RecordsPagesDeps) {
  const { records, identity, verbund, config } = deps;

  app.post('/akten/:id/vorgaenge', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const get = await formFields(c);
    return formAction(c, `/akten/${id}`, async () => {
      const vorgang = await records.vorgaenge.createVorgang(principal, id, {
        betreff: get('betreff'),
        frist: get('frist') || null,
        zustaendigOe: get('zustaendigOe') || null,
      });
      return withOk(`/vorgaenge/${vorgang.id}`, 'Vorgang angelegt.');
    });
  });

  app.get('/vorgaenge/:id', async (c) => {
    const b = await pageBase(c, verbund);
    if (!b) return toLogin(c);
    const id = c.req.param('id');
    const vorgang = await records.vorgaenge.getVorgang(b.principal, id);
    const [dokumente, history, orgUnits] = await Promise.all([
      records.dokumente.listForVorgang(b.principal, id, { limit: 200, offset: 0 }),
      records.vorgaenge.history(b.principal, id),
      identity.listOrgUnits({ tenantId: b.principal.tenantId }),
    ]);
    await records.postkorb.markOpened(b.principal, {
      vorgangId: id,
      dokumentIds: dokumente.items.map((d) => d.id),
    });
    return c.html(
      <VorgangPage
        {...b}
        vorgang={vorgang}
        dokumente={dokumente.items}
        history={history}
        orgUnits={orgUnits}
        uploadLimitMb={Math.round(config.uploads.limitBytes / 1048576)}
      />,
    );
  });

  app.post('/vorgaenge/:id', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const get = await formFields(c);
    return formAction(c, `/vorgaenge/${id}`, async () => {
      const status = get('status');
      await records.vorgaenge.updateVorgang(principal, id, {
        status: (VORGANG_STATUS as readonly string[]).includes(status)
          ? (status as VorgangStatus)
          : undefined,
        frist: get('frist') || null,
        wiedervorlage: get('wiedervorlage') || null,
        zustaendigOe: get('zustaendigOe') || null,
        zustaendigPerson: get('mir') ? principal.userId : null,
      });
      return withOk(`/vorgaenge/${id}`, 'Gespeichert.');
    });
  });
}
