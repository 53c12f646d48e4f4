import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { pageFromQuery } from '../../../platform/ui/pager.tsx';
import {
  formAction,
  formFields,
  pageBase,
  type RecordsPagesDeps,
  toLogin,
  withOk,
} from '../records.page-kit.ts';
import { AktePage } from './akte.page.tsx';
import type { AkteStatus } from './akten.models.ts';
import { AktenPage } from './akten.page.tsx';
import { AKTE_STATUS } from './akten.schemas.ts';

/** The Akten pages: list with Aktenplan, one Akte, creating, z.d.A. and reopening. */
export function registerAktenPages(app: Hono<AppEnv>, deps: RecordsPagesDeps) {
  const { records, identity, verbund } = deps;

  app.get('/akten', async (c) => {
    const b = await pageBase(c, verbund);
    if (!b) return toLogin(c);
    const status = c.req.query('status') ?? '';
    const filter = {
      aktenplan: c.req.query('aktenplan') || undefined,
      q: c.req.query('q') || undefined,
      status: (AKTE_STATUS as readonly string[]).includes(status) ? (status as AkteStatus) : undefined,
    };
    const page = pageFromQuery(c);
    const [units, akten, orgUnits, settings] = await Promise.all([
      records.aktenplan.listUnits(b.principal),
      records.akten.listAkten(b.principal, filter, page),
      identity.listOrgUnits({ tenantId: b.principal.tenantId }),
      records.aktenplan.getSettings(b.principal.tenantId),
    ]);
    return c.html(
      <AktenPage
        {...b}
        units={units}
        akten={akten}
        filter={filter}
        orgUnits={orgUnits}
        defaultKennzeichen={settings.defaultKennzeichen}
        page={page}
      />,
    );
  });

  app.post('/akten', async (c) => {
    const principal = requirePrincipal(c);
    const get = await formFields(c);
    return formAction(c, '/akten', async () => {
      const akte = await records.akten.createAkte(principal, {
        titel: get('titel'),
        aktenplan: get('aktenplan') || undefined,
        federfuehrendeOe: get('federfuehrendeOe') || null,
      });
      return withOk(`/akten/${akte.id}`, `Akte ${akte.aktenzeichen} angelegt.`);
    });
  });

  app.get('/akten/:id', async (c) => {
    const b = await pageBase(c, verbund);
    if (!b) return toLogin(c);
    const akte = await records.akten.getAkte(b.principal, c.req.param('id'));
    const [vorgaenge, orgUnits] = await Promise.all([
      records.vorgaenge.listVorgaenge(b.principal, { akteId: akte.id }, { limit: 200, offset: 0 }),
      identity.listOrgUnits({ tenantId: b.principal.tenantId }),
    ]);
    return c.html(<AktePage {...b} akte={akte} vorgaenge={vorgaenge.items} orgUnits={orgUnits} />);
  });

  app.post('/akten/:id/zda', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    return formAction(c, `/akten/${id}`, async () => {
      await records.akten.setAkteStatus(principal, id, 'zda');
      return withOk(`/akten/${id}`, 'Akte z.d.A. verfügt.');
    });
  });

  app.post('/akten/:id/wiedereroeffnen', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const get = await formFields(c);
    return formAction(c, `/akten/${id}`, async () => {
      await records.akten.setAkteStatus(principal, id, 'offen', get('begruendung'));
      return withOk(`/akten/${id}`, 'Akte wieder geöffnet.');
    });
  });
}
