import type { Context, Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { hasRole, type Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { redirectWithError } from '../../../platform/ui/flash.tsx';
import { formFields } from '../../../platform/ui/form-fields.ts';
import { badRequest } from '../../../shared/errors.ts';
import { bekanntmachungBody, genehmigungBody, unterschriftBody } from './aenderungen.schemas.ts';
import type { Aenderung } from './aenderungen.status.ts';
import type { AenderungenUsecases } from './aenderungen.usecases.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** German texts for the fields the API's schemas refuse (same schemas as PUT …/genehmigung etc.). */
const FEHLER: Record<string, string> = {
  am: 'Bitte ein gültiges Datum angeben (TT.MM.JJJJ).',
  aktenzeichen: 'Bitte das Aktenzeichen der Genehmigung angeben (höchstens 200 Zeichen).',
  amtsblatt: 'Bitte das Amtsblatt mit Nummer und Seite angeben (höchstens 300 Zeichen).',
  von: 'Bitte angeben, wer unterzeichnet hat (höchstens 300 Zeichen).',
  landkreis: 'Bitte den Landkreis wählen, der unterzeichnet hat.',
};

/** Parses a form with the API's schema; the first refused field becomes a 400 with its German text. */
function parsed<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[] }> } };
  },
  raw: Record<string, string>,
): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const field = String(result.error.issues[0]?.path[0] ?? 'am');
  throw badRequest('aenderung.formular', `invalid ${field}`, FEHLER[field] ?? FEHLER.am!);
}

function Feld({ id, label, type = 'text' }: { id: string; label: string; type?: string }) {
  return (
    <div class="kern-form-input">
      <label class="kern-label" for={id}>
        {label}
      </label>
      <input class="kern-form-input__input" id={id} name={id.split('-').at(-1)} type={type} required />
    </div>
  );
}

/**
 * The Serviceteam's forms for the acts of an amendment: Genehmigung (date, Aktenzeichen),
 * Bekanntmachung (date, Amtsblatt) and a county's signature. Plain POST forms with the CSRF field;
 * a refusal comes back as the page's notice. Others read who may record them.
 */
export function AenderungAkte({ a, principal }: { a: Aenderung; principal: Principal }) {
  if (!hasRole(principal, 'verbund-admin'))
    return (
      <p class="kern-body">
        Genehmigung, Bekanntmachung und Unterschriften erfasst das Serviceteam (Rolle verbund-admin).
      </p>
    );
  const offen = a.parteien.filter((p) => p.status === 'beschlossen' && !p.unterzeichnet);
  const action = (what: string) => `/verbund/aenderungen/${a.id}/${what}`;
  return (
    <>
      <h2 class="kern-heading-medium">Erfassen</h2>
      {a.genehmigungspflichtig ? (
        <form method="post" action={action('genehmigung')} aria-labelledby="genehmigung-titel">
          <h3 class="kern-heading-small" id="genehmigung-titel">
            Genehmigung der Aufsichtsbehörde
          </h3>
          <CsrfField principal={principal} />
          <Feld id="genehmigung-am" label="Genehmigt am" type="date" />
          <Feld id="genehmigung-aktenzeichen" label="Aktenzeichen" />
          <SubmitButton label="Genehmigung erfassen" kind="secondary" />
        </form>
      ) : null}
      <form method="post" action={action('bekanntmachung')} aria-labelledby="bekanntmachung-titel">
        <h3 class="kern-heading-small" id="bekanntmachung-titel">
          Bekanntmachung
        </h3>
        <CsrfField principal={principal} />
        <Feld id="bekanntmachung-am" label="Bekanntgemacht am" type="date" />
        <Feld id="bekanntmachung-amtsblatt" label="Amtsblatt (Nummer, Seite)" />
        <SubmitButton label="Bekanntmachung erfassen" kind="secondary" />
      </form>
      <form method="post" action={action('unterschrift')} aria-labelledby="unterschrift-titel">
        <h3 class="kern-heading-small" id="unterschrift-titel">
          Unterschrift eines Landkreises
        </h3>
        <CsrfField principal={principal} />
        <div class="kern-form-input">
          <label class="kern-label" for="unterschrift-landkreis">
            Landkreis
          </label>
          <div class="kern-form-input__select-wrapper">
            <select class="kern-form-input__select" id="unterschrift-landkreis" name="landkreis" required>
              {offen.map((p) => (
                <option value={p.landkreisId}>{p.landkreis}</option>
              ))}
            </select>
          </div>
        </div>
        <Feld id="unterschrift-am" label="Unterzeichnet am" type="date" />
        <Feld id="unterschrift-von" label="Unterzeichnet von" />
        <SubmitButton label="Unterschrift erfassen" kind="secondary" />
      </form>
    </>
  );
}

/** The form actions: each calls the same use-case as the API, then back to the amendment with a notice. */
export function registerAenderungenForms(app: Hono<AppEnv>, deps: { aenderungen: AenderungenUsecases }) {
  const act = async (
    c: Context<AppEnv>,
    ok: string,
    work: (p: { principal: Principal; id: string; get: (name: string) => string }) => Promise<unknown>,
  ) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id') ?? '';
    if (!UUID.test(id)) return c.notFound();
    const back = `/verbund/aenderungen/${id}`;
    try {
      await work({ principal, id, get: await formFields(c) });
      return c.redirect(`${back}?ok=${encodeURIComponent(ok)}`, 303);
    } catch (error) {
      return redirectWithError(c, back, error);
    }
  };
  app.post('/verbund/aenderungen/:id/genehmigung', (c) =>
    act(c, 'Die Genehmigung ist erfasst.', ({ principal, id, get }) =>
      deps.aenderungen.recordGenehmigung(
        principal,
        id,
        parsed(genehmigungBody, { am: get('am'), aktenzeichen: get('aktenzeichen') }),
      ),
    ),
  );
  app.post('/verbund/aenderungen/:id/bekanntmachung', (c) =>
    act(c, 'Die Bekanntmachung ist erfasst.', ({ principal, id, get }) =>
      deps.aenderungen.recordBekanntmachung(
        principal,
        id,
        parsed(bekanntmachungBody, { am: get('am'), amtsblatt: get('amtsblatt') }),
      ),
    ),
  );
  app.post('/verbund/aenderungen/:id/unterschrift', (c) =>
    act(c, 'Die Unterschrift ist erfasst.', ({ principal, id, get }) => {
      if (!get('landkreis')) throw badRequest('aenderung.formular', 'no county', FEHLER.landkreis!);
      return deps.aenderungen.recordUnterschrift(
        principal,
        id,
        get('landkreis'),
        parsed(unterschriftBody, { am: get('am'), von: get('von') }),
      );
    }),
  );
}
