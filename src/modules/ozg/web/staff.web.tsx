import type { Context, Hono } from 'hono';
import {
  csrfProtection,
  requirePrincipal,
  resolvePrincipal,
} from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import type { RecordsModule } from '../../records/records.module.ts';
import type { VerbundUsecases } from '../../verbund/verbund.module.ts';
import type { OzgModule } from '../ozg.module.ts';
import { readImportUpload } from '../ozg.routes.ts';
import { AntragPage, OnlinedienstePage } from './staff.pages.tsx';

/** What these handlers use, given by the composition root. */
export type StaffDeps = { ozg: OzgModule; records: RecordsModule; verbund: VerbundUsecases };

/**
 * Staff pages of the OZG module: the county's Anträge and their case work, the Verbund's services
 * with this county's activation, and the FIM form import. Plain forms with redirects.
 */
export function registerServicesStaffPages(app: Hono<AppEnv>, deps: StaffDeps) {
  for (const path of ['/onlinedienste', '/onlinedienste/*']) app.use(path, resolvePrincipal, csrfProtection);
  const login = (c: Context<AppEnv>) => c.redirect(`/anmelden?weiter=${encodeURIComponent(c.req.path)}`, 303);
  const flashOf = (c: Context<AppEnv>) => {
    const fehler = c.req.query('fehler');
    const ok = c.req.query('ok');
    return fehler
      ? { kind: 'danger' as const, text: fehler.slice(0, 500) }
      : ok
        ? { kind: 'success' as const, text: ok.slice(0, 300) }
        : undefined;
  };
  const back = (c: Context<AppEnv>, to: string, error: unknown) => {
    const appError = toAppError(error);
    if (appError.status >= 500) throw error;
    return c.redirect(`${to}?fehler=${encodeURIComponent(appError.messageDe)}`, 303);
  };

  app.get('/onlinedienste', async (c) => {
    const principal = c.get('principal');
    if (!principal) return login(c);
    const { ozg, verbund } = deps;
    const status = (c.req.query('status') ?? '').slice(0, 40);
    const [antraege, leistungen, aktivierungen, formulare, tenant] = await Promise.all([
      ozg.antraege.list(principal, { status: status || undefined, limit: 100, offset: 0 }),
      ozg.catalog.listLeistungen(),
      ozg.catalog.listAktivierungen(principal),
      ozg.catalog.listFormulare(),
      verbund.getMember(principal.tenantId),
    ]);
    return c.html(
      <OnlinedienstePage
        principal={principal}
        tenantName={tenant?.name ?? ''}
        flash={flashOf(c)}
        antraege={antraege}
        status={status}
        leistungen={leistungen}
        aktivierungen={aktivierungen}
        formulare={formulare}
      />,
    );
  });

  app.post('/onlinedienste/formulare', async (c) => {
    const principal = requirePrincipal(c);
    try {
      const { fields, files } = await readImportUpload(c);
      const result = await deps.ozg.catalog.importFormular(
        principal,
        files.map((f) => f.result),
        { force: fields.force === 'true' },
      );
      const warn = result.warnungen.length ? `, ${result.warnungen.length} Warnungen` : '';
      return c.redirect(
        `/onlinedienste?ok=${encodeURIComponent(`${result.titel}: Version ${result.version} mit ${result.fields} Feldern importiert${warn}.`)}`,
        303,
      );
    } catch (error) {
      const appError = toAppError(error);
      const details = (
        appError.details as { validation?: Array<{ line?: number; message: string }> } | undefined
      )?.validation;
      if (details?.length && appError.status < 500)
        return c.redirect(
          `/onlinedienste?fehler=${encodeURIComponent(
            `${appError.messageDe} ${details
              .slice(0, 3)
              .map((d) => `Zeile ${d.line}: ${d.message}`)
              .join(' ')}`,
          )}`,
          303,
        );
      return back(c, '/onlinedienste', error);
    }
  });

  app.get('/onlinedienste/antraege/:id', async (c) => {
    const principal = c.get('principal');
    if (!principal) return login(c);
    const { ozg, records, verbund } = deps;
    const antrag = await ozg.antraege.get(principal, c.req.param('id'));
    const [form, dokumente, tenant] = await Promise.all([
      antrag.formular ? ozg.catalog.getFormularVersion(antrag.formular.id, antrag.formular.version) : null,
      records.dokumente.listForVorgang(principal, antrag.vorgangId, { limit: 200, offset: 0 }),
      verbund.getMember(principal.tenantId),
    ]);
    return c.html(
      <AntragPage
        principal={principal}
        tenantName={tenant?.name ?? ''}
        flash={flashOf(c)}
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
      await deps.ozg.antraege.setStatus(principal, id, {
        status: field('status'),
        nachricht: field('nachricht') || null,
        bescheidDokumentId: field('bescheidDokumentId') || null,
      });
      return c.redirect(`/onlinedienste/antraege/${id}?ok=${encodeURIComponent('Status gesetzt.')}`, 303);
    } catch (error) {
      return back(c, `/onlinedienste/antraege/${id}`, error);
    }
  });
}
