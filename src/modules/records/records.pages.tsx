import type { Context, Hono } from 'hono';
import type { Config } from '../../../platform/config.ts';
import {
  csrfProtection,
  requirePrincipal,
  resolvePrincipal,
} from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { streamMultipart } from '../../../platform/http/multipart.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { AppError, badRequest } from '../../../shared/errors.ts';
import type { IdentityUsecases } from '../../identity/identity.module.ts';
import { decodeText } from '../../ingest/ingest.module.ts';
import type { VerbundUsecases } from '../../verbund/verbund.module.ts';
import { DOKUMENT_ARTEN, VERTRAULICHKEIT } from '../records.models.ts';
import { VORGANG_STATUS, type VorgangStatus } from '../vorgaenge/vorgaenge.models.ts';
import type { RecordsModule } from '../records.module.ts';
import { uploadDokument, uploadVersion } from '../dokumente/dokument-upload.ts';
import { AktenPage, AktePage, DokumentPage, PostkorbPage, SuchePage, VorgangPage } from './records.pages.tsx';

/** What these handlers use, given by the composition root. */
export type RecordsDeps = {
  config: Config;
  identity: IdentityUsecases;
  records: RecordsModule;
  verbund: VerbundUsecases;
};

/**
 * Staff pages of the E-Akte. Every action is a plain form POST that redirects back (works without
 * JavaScript); errors come back as a German message on the page. upload.js adds drag and drop and
 * a progress bar on top.
 */
export function registerRecordsPages(app: Hono<AppEnv>, deps: RecordsDeps) {
  for (const path of ['/akten', '/akten/*', '/vorgaenge/*', '/dokumente/*', '/suche', '/postkorb'])
    app.use(path, resolvePrincipal, csrfProtection);

  const base = async (c: Context<AppEnv>) => {
    const principal = c.get('principal');
    if (!principal) return null;
    const tenant = await deps.verbund.getMember(principal.tenantId);
    const ok = c.req.query('ok');
    const fehler = c.req.query('fehler');
    return {
      principal,
      tenantName: tenant?.name ?? '',
      flash: fehler
        ? { kind: 'danger' as const, text: fehler.slice(0, 500) }
        : ok
          ? { kind: 'success' as const, text: ok.slice(0, 200) }
          : undefined,
    };
  };
  const login = (c: Context<AppEnv>) => c.redirect(`/anmelden?weiter=${encodeURIComponent(c.req.path)}`, 303);
  const orgUnits = (c: Context<AppEnv>, principal: Principal) =>
    deps.identity.listOrgUnits({ tenantId: principal.tenantId });
  const pageOf = (c: Context<AppEnv>) => ({
    limit: 25,
    offset: Math.min(Math.max(Number.parseInt(c.req.query('offset') ?? '0', 10) || 0, 0), 1_000_000),
  });

  /** Runs a form action and redirects: to the result on success, back with the German error otherwise. */
  const action = async (c: Context<AppEnv>, back: string, work: () => Promise<string>) => {
    try {
      return c.redirect(await work(), 303);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) throw error;
      const join = back.includes('?') ? '&' : '?';
      return c.redirect(`${back}${join}fehler=${encodeURIComponent(appError.messageDe)}`, 303);
    }
  };
  const form = async (c: Context<AppEnv>) => {
    const body = await c.req.parseBody();
    return (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  };

  app.get('/akten', async (c) => {
    const b = await base(c);
    if (!b) return login(c);
    const { records } = deps;
    const filter = {
      aktenplan: c.req.query('aktenplan') || undefined,
      q: c.req.query('q') || undefined,
      status: (['offen', 'zda'].includes(c.req.query('status') ?? '') ? c.req.query('status') : undefined) as
        | 'offen'
        | 'zda'
        | undefined,
    };
    const page = pageOf(c);
    const [units, akten, units2, settings] = await Promise.all([
      records.aktenplan.listUnits(b.principal),
      records.akten.listAkten(b.principal, filter, page),
      orgUnits(c, b.principal),
      records.aktenplan.getSettings(b.principal.tenantId),
    ]);
    return c.html(
      <AktenPage
        {...b}
        units={units}
        akten={akten}
        filter={filter}
        orgUnits={units2}
        defaultKennzeichen={settings.defaultKennzeichen}
        page={page}
      />,
    );
  });

  app.post('/akten', async (c) => {
    const principal = requirePrincipal(c);
    const get = await form(c);
    return action(c, '/akten', async () => {
      const akte = await deps.records.akten.createAkte(principal, {
        titel: get('titel'),
        aktenplan: get('aktenplan') || undefined,
        federfuehrendeOe: get('federfuehrendeOe') || null,
      });
      return `/akten/${akte.id}?ok=${encodeURIComponent(`Akte ${akte.aktenzeichen} angelegt.`)}`;
    });
  });

  app.post('/akten/aktenplan-import', async (c) => {
    const principal = requirePrincipal(c);
    return action(c, '/akten', async () => {
      const { file } = await streamMultipart(c, 'datei', async (f) => {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of f.stream) {
          size += chunk.length;
          if (size > 5 * 1024 * 1024)
            throw badRequest(
              'aktenplan.csv_too_large',
              'CSV larger than 5 MiB',
              'Die CSV-Datei ist größer als 5 MiB.',
            );
          chunks.push(Buffer.from(chunk));
        }
        return Buffer.concat(chunks);
      });
      if (!file) throw badRequest('upload.no_file', 'no file', 'Es wurde keine Datei übertragen.');
      try {
        const result = await deps.records.aktenplan.importCsv(principal, decodeText(file));
        return `/akten?ok=${encodeURIComponent(`Aktenplan übernommen: ${result.added} neu, ${result.updated} geändert.`)}`;
      } catch (error) {
        const appError = toAppError(error);
        const lines = Array.isArray(appError.details)
          ? (appError.details as Array<{ zeile: number; fehler: string }>)
              .slice(0, 5)
              .map((e) => ` ${e.fehler}`)
          : [];
        throw new AppError({
          ...appError,
          message: appError.message,
          messageDe: `${appError.messageDe}${lines.join('')}`,
        });
      }
    });
  });

  app.get('/akten/:id', async (c) => {
    const b = await base(c);
    if (!b) return login(c);
    const { records } = deps;
    const akte = await records.akten.getAkte(b.principal, c.req.param('id'));
    const [vorgaenge, units] = await Promise.all([
      records.akten.listVorgaenge(b.principal, { akteId: akte.id }, { limit: 200, offset: 0 }),
      orgUnits(c, b.principal),
    ]);
    return c.html(<AktePage {...b} akte={akte} vorgaenge={vorgaenge.items} orgUnits={units} />);
  });

  app.post('/akten/:id/vorgaenge', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const get = await form(c);
    return action(c, `/akten/${id}`, async () => {
      const vorgang = await deps.records.akten.createVorgang(principal, id, {
        betreff: get('betreff'),
        frist: get('frist') || null,
        zustaendigOe: get('zustaendigOe') || null,
      });
      return `/vorgaenge/${vorgang.id}?ok=${encodeURIComponent('Vorgang angelegt.')}`;
    });
  });

  app.post('/akten/:id/zda', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    return action(c, `/akten/${id}`, async () => {
      await deps.records.akten.setAkteStatus(principal, id, 'zda');
      return `/akten/${id}?ok=${encodeURIComponent('Akte z.d.A. verfügt.')}`;
    });
  });

  app.post('/akten/:id/wiedereroeffnen', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const get = await form(c);
    return action(c, `/akten/${id}`, async () => {
      await deps.records.akten.setAkteStatus(principal, id, 'offen', get('begruendung'));
      return `/akten/${id}?ok=${encodeURIComponent('Akte wieder geöffnet.')}`;
    });
  });

  app.get('/vorgaenge/:id', async (c) => {
    const b = await base(c);
    if (!b) return login(c);
    const { records, config } = deps;
    const id = c.req.param('id');
    const vorgang = await records.akten.getVorgang(b.principal, id);
    const [dokumente, history, units] = await Promise.all([
      records.dokumente.listForVorgang(b.principal, id, { limit: 200, offset: 0 }),
      records.akten.history(b.principal, id),
      orgUnits(c, b.principal),
    ]);
    // Opening a Vorgang takes it and its documents out of the person's "new" lists.
    if (b.principal.userId) {
      await records.postkorb.markSeen(b.principal, 'vorgang', id);
      for (const d of dokumente.items) await records.postkorb.markSeen(b.principal, 'dokument', d.id);
    }
    return c.html(
      <VorgangPage
        {...b}
        vorgang={vorgang}
        dokumente={dokumente.items}
        history={history}
        orgUnits={units}
        uploadLimitMb={Math.round(config.uploads.limitBytes / 1048576)}
      />,
    );
  });

  app.post('/vorgaenge/:id', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const get = await form(c);
    return action(c, `/vorgaenge/${id}`, async () => {
      const status = get('status');
      await deps.records.akten.updateVorgang(principal, id, {
        status: (VORGANG_STATUS as readonly string[]).includes(status)
          ? (status as VorgangStatus)
          : undefined,
        frist: get('frist') || null,
        wiedervorlage: get('wiedervorlage') || null,
        zustaendigOe: get('zustaendigOe') || null,
        zustaendigPerson: get('mir') ? principal.userId : null,
      });
      return `/vorgaenge/${id}?ok=${encodeURIComponent('Gespeichert.')}`;
    });
  });

  app.post('/vorgaenge/:id/dokumente', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const result = await action(c, `/vorgaenge/${id}`, async () => {
      const uploaded = await uploadDokument(c, principal, id, deps.records);
      return `/vorgaenge/${id}?ok=${encodeURIComponent(`„${uploaded.titel}“ hochgeladen.`)}#dokumente`;
    });
    return result;
  });

  app.get('/dokumente/:id', async (c) => {
    const b = await base(c);
    if (!b) return login(c);
    const { records } = deps;
    const id = c.req.param('id');
    const dokument = await records.dokumente.get(b.principal, id);
    const [versions, text] = await Promise.all([
      records.dokumente.versions(b.principal, id),
      records.dokumente.text(b.principal, id),
    ]);
    if (b.principal.userId) await records.postkorb.markSeen(b.principal, 'dokument', id);
    return c.html(<DokumentPage {...b} dokument={dokument} versions={versions} text={text.text} />);
  });

  app.post('/dokumente/:id', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const get = await form(c);
    return action(c, `/dokumente/${id}`, async () => {
      const art = get('art');
      const vertraulichkeit = get('vertraulichkeit');
      await deps.records.dokumente.update(principal, id, {
        titel: get('titel') || undefined,
        art: (DOKUMENT_ARTEN as readonly string[]).includes(art) ? (art as 'eingang') : undefined,
        datum: get('datum') || undefined,
        absender: get('absender') || null,
        empfaenger: get('empfaenger') || null,
        vertraulichkeit: (VERTRAULICHKEIT as readonly string[]).includes(vertraulichkeit)
          ? (vertraulichkeit as 'offen')
          : undefined,
      });
      return `/dokumente/${id}?ok=${encodeURIComponent('Angaben gespeichert.')}`;
    });
  });

  app.post('/dokumente/:id/versionen', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    return action(c, `/dokumente/${id}`, async () => {
      const d = await uploadVersion(c, principal, id, deps.records);
      return `/dokumente/${id}?ok=${encodeURIComponent(`Version ${d.version} gespeichert.`)}`;
    });
  });

  app.get('/suche', async (c) => {
    const b = await base(c);
    if (!b) return login(c);
    const { records } = deps;
    const keys = ['q', 'aktenplan', 'art', 'vorgangStatus', 'von', 'bis'] as const;
    const filter = Object.fromEntries(keys.map((k) => [k, c.req.query(k) || undefined])) as Record<
      (typeof keys)[number],
      string | undefined
    >;
    const page = pageOf(c);
    const units = await records.aktenplan.listUnits(b.principal);
    const searching = Object.values(filter).some(Boolean);
    let result = null;
    let error: string | undefined;
    if (searching) {
      try {
        result = await records.search.search(
          b.principal,
          {
            ...filter,
            art: filter.art as 'eingang' | undefined,
          },
          page,
        );
      } catch (e) {
        const appError = toAppError(e);
        if (appError.status >= 500) throw e;
        error = appError.messageDe;
      }
    }
    return c.html(
      <SuchePage {...b} filter={filter} result={result} units={units} page={page} error={error} />,
    );
  });

  app.get('/postkorb', async (c) => {
    const b = await base(c);
    if (!b) return login(c);
    const bereich = (
      ['alle', 'person', 'oe'].includes(c.req.query('bereich') ?? '') ? c.req.query('bereich') : 'alle'
    ) as 'alle' | 'person' | 'oe';
    const postkorb = await deps.records.postkorb.postkorb(b.principal, { bereich });
    return c.html(<PostkorbPage {...b} bereich={bereich} postkorb={postkorb} />);
  });
}
