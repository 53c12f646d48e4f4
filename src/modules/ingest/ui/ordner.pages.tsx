import type { Context, Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { formFields } from '../../../platform/ui/form-fields.ts';
import { type PageFrame, pageFrame, toLogin } from '../../../platform/ui/page-frame.ts';
import { folderDir } from '../eingangsordner/eingangsordner.watcher.ts';
import { readFehlerOrdner } from './eingangsordner-fehler.ts';
import {
  errorAtField,
  type FieldErrors,
  type OrdnerFormValues,
  readOrdnerForm,
  regelnAsText,
} from './ordner.form.ts';
import { OrdnerListePage, OrdnerPage } from './ordner.page.tsx';
import type { PosteingangPagesDeps } from './posteingang-ui.deps.ts';

const EMPTY: OrdnerFormValues = { name: '', pfad: '', aktenplan: '', oe: '', regeln: '', stabil: '5' };
const ok = (path: string, text: string) => `${path}?ok=${encodeURIComponent(text)}`;

/** Consume folders in the staff UI: list, set up, look at (log, error folder), change, switch off. */
export function registerOrdnerPages(app: Hono<AppEnv>, deps: PosteingangPagesDeps) {
  const { eingangsordner } = deps;

  async function renderList(c: Context<AppEnv>, frame: PageFrame, values = EMPTY, errors: FieldErrors = {}) {
    const list = await eingangsordner.list(frame.principal);
    const [ordner, orgUnits] = await Promise.all([
      Promise.all(list.map((o) => eingangsordner.get(frame.principal, o.id))),
      deps.identity.listOrgUnits({ tenantId: frame.principal.tenantId }),
    ]);
    const status = Object.keys(errors).length ? 400 : 200;
    return c.html(
      <OrdnerListePage frame={frame} ordner={ordner} orgUnits={orgUnits} values={values} errors={errors} />,
      status,
    );
  }

  async function renderOne(
    c: Context<AppEnv>,
    frame: PageFrame,
    id: string,
    edit?: OrdnerFormValues,
    errors: FieldErrors = {},
  ) {
    const ordner = await eingangsordner.get(frame.principal, id);
    const fehler = await readFehlerOrdner(folderDir(deps.config.intake.eingangRoot, ordner));
    const values = edit ?? {
      ...EMPTY,
      name: ordner.name,
      regeln: regelnAsText(ordner.regeln),
      stabil: String(ordner.stabilSekunden),
    };
    const status = Object.keys(errors).length ? 400 : 200;
    return c.html(
      <OrdnerPage frame={frame} ordner={ordner} values={values} errors={errors} fehler={fehler} />,
      status,
    );
  }

  const valuesOf = async (c: Context<AppEnv>): Promise<OrdnerFormValues> => {
    const get = await formFields(c);
    return {
      name: get('name'),
      pfad: get('pfad'),
      aktenplan: get('aktenplan'),
      oe: get('oe'),
      regeln: get('regeln'),
      stabil: get('stabil'),
    };
  };

  app.get('/posteingang/ordner', async (c) => {
    const frame = await pageFrame(c, deps.verbund);
    return frame ? renderList(c, frame) : toLogin(c);
  });

  app.post('/posteingang/ordner', async (c) => {
    requirePrincipal(c);
    const frame = (await pageFrame(c, deps.verbund))!;
    const values = await valuesOf(c);
    const { input, errors } = readOrdnerForm(values, { create: true });
    if (Object.keys(errors).length) return renderList(c, frame, values, errors);
    try {
      const created = await eingangsordner.create(frame.principal, input);
      return c.redirect(
        ok(`/posteingang/ordner/${created.id}`, `Eingangsordner „${created.name}“ eingerichtet.`),
        303,
      );
    } catch (error) {
      const atField = errorAtField(error);
      if (!atField) throw error;
      return renderList(c, frame, values, atField);
    }
  });

  app.get('/posteingang/ordner/:id', async (c) => {
    const frame = await pageFrame(c, deps.verbund);
    return frame ? renderOne(c, frame, c.req.param('id')) : toLogin(c);
  });

  app.post('/posteingang/ordner/:id', async (c) => {
    requirePrincipal(c);
    const frame = (await pageFrame(c, deps.verbund))!;
    const id = c.req.param('id');
    const values = await valuesOf(c);
    const { input, errors } = readOrdnerForm(values, { create: false });
    if (Object.keys(errors).length) return renderOne(c, frame, id, values, errors);
    try {
      await eingangsordner.update(frame.principal, id, {
        name: input.name,
        regeln: input.regeln,
        stabilSekunden: input.stabilSekunden ?? 5,
      });
    } catch (error) {
      const atField = errorAtField(error);
      if (!atField) throw error;
      return renderOne(c, frame, id, values, atField);
    }
    return c.redirect(ok(`/posteingang/ordner/${id}`, 'Eingangsordner gespeichert.'), 303);
  });

  app.post('/posteingang/ordner/:id/aktiv', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const aktiv = (await formFields(c))('aktiv') === '1';
    await eingangsordner.update(principal, id, { aktiv });
    const text = aktiv
      ? 'Eingangsordner wieder eingeschaltet.'
      : 'Eingangsordner abgeschaltet: der Worker nimmt dort nichts mehr.';
    return c.redirect(ok(`/posteingang/ordner/${id}`, text), 303);
  });
}
