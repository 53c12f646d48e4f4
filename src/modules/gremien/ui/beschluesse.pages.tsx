import type { Hono } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { SelectField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { toLogin } from '../../../platform/ui/page-frame.ts';
import { Pager, pageFromQuery } from '../../../platform/ui/pager.tsx';
import { badRequest } from '../../../shared/errors.ts';
import {
  Badge,
  berlinDay,
  formAction,
  GremienLayout,
  type GremienPagesDeps,
  idParam,
  may,
  type PageFrame,
  pageBase,
  postedForm,
  TextArea,
  withOk,
} from './gremien-ui.kit.tsx';
import { optionsOf, umsetzungLabels } from './gremien-ui.labels.ts';
import type { Beschluss } from './gremien-ui.types.ts';

type Umsetzung = 'offen' | 'in_umsetzung' | 'erledigt';

function BeschlussCard({ frame, b, back }: { frame: PageFrame; b: Beschluss; back: string }) {
  return (
    <article class="vb-section" id={`beschluss-${b.id}`} aria-labelledby={`b-${b.id}`}>
      <div>
        <hr class="kern-divider" />
        <h2 class="kern-heading-small" id={`b-${b.id}`}>
          Beschluss {b.nummer}: {b.top}
        </h2>
        <p class="kern-body">
          {b.gremium},{' '}
          <a class="kern-link" href={`/sitzungen/${b.sitzungId}`}>
            Sitzung vom {dateDe(berlinDay(b.sitzungBeginn))}
          </a>
          {b.drucksachenNr ? ` · Vorlage ${b.drucksachenNr}` : ''} ·{' '}
          <Badge kind={b.umsetzung === 'erledigt' ? 'success' : b.umsetzung === 'offen' ? 'warning' : 'info'}>
            {umsetzungLabels[b.umsetzung] ?? b.umsetzung}
          </Badge>
        </p>
        {may.edit(frame.principal) ? (
          <form method="post" action={`/beschluesse/${b.id}`}>
            <CsrfField principal={frame.principal} />
            <input type="hidden" name="zurueck" value={back} />
            <TextArea id={`text-${b.id}`} name="text" label="Beschlusstext" value={b.text} rows={3} />
            <SelectField
              id={`umsetzung-${b.id}`}
              label="Umsetzungsstand"
              value={b.umsetzung}
              options={optionsOf(umsetzungLabels)}
            />
            <SubmitButton label="Speichern" kind="secondary" />
          </form>
        ) : (
          <p class="kern-body">{b.text ?? 'Kein Beschlusstext erfasst.'}</p>
        )}
      </div>
    </article>
  );
}

/** Beschlusskontrolle: resolutions with their follow-up state, filtered, each with a form. */
export function registerBeschluessePages(app: Hono<AppEnv>, { gremien: m, verbund }: GremienPagesDeps) {
  app.get('/beschluesse', async (c) => {
    const frame = await pageBase(c, verbund);
    if (!frame) return toLogin(c);
    const q = c.req.query('umsetzung') ?? '';
    const umsetzung = q in umsetzungLabels ? (q as Umsetzung) : undefined;
    const page = pageFromQuery(c, 25);
    const { items, total } = await m.beschluesse.listBeschluesse(frame.principal, { umsetzung, ...page });
    const base = umsetzung ? `/beschluesse?umsetzung=${umsetzung}` : '/beschluesse';
    return c.html(
      <GremienLayout frame={frame} tab="beschluesse" title="Beschlusskontrolle">
        <form method="get" action="/beschluesse" class="vb-filter">
          <SelectField
            id="umsetzung"
            label="Umsetzungsstand"
            value={umsetzung ?? ''}
            options={[{ value: '', label: 'alle' }, ...optionsOf(umsetzungLabels)]}
          />
          <SubmitButton label="Filtern" kind="secondary" />
        </form>
        <p class="kern-body">
          {total} Beschl{total === 1 ? 'uss' : 'üsse'}
          {umsetzung ? ` im Stand „${umsetzungLabels[umsetzung]}“` : ''}, die neuesten Sitzungen zuerst.
        </p>
        {items.map((b) => (
          <BeschlussCard frame={frame} b={b} back={base} />
        ))}
        <Pager total={total} page={page} base={base} />
      </GremienLayout>,
    );
  });

  app.post('/beschluesse/:id', async (c) => {
    const principal = requirePrincipal(c);
    const id = idParam(c);
    const form = await postedForm(c);
    // Back to the list as it was filtered; only our own list, never another address.
    const back = /^\/beschluesse(\?umsetzung=[a-z_]+)?$/.test(form.get('zurueck'))
      ? form.get('zurueck')
      : '/beschluesse';
    return formAction(c, back, async () => {
      // The select is named by its id (one per Beschluss on the page).
      const umsetzung = form.get(`umsetzung-${id}`);
      if (!(umsetzung in umsetzungLabels))
        throw badRequest(
          'beschluss.umsetzung_unbekannt',
          'unknown state',
          'Diesen Umsetzungsstand gibt es nicht.',
        );
      const text = form.get('text');
      if (text.length > 100_000)
        throw badRequest(
          'beschluss.text_zu_lang',
          'text too long',
          'Der Beschlusstext darf höchstens 100.000 Zeichen lang sein.',
        );
      const b = await m.beschluesse.updateBeschluss(principal, id, {
        text: text || null,
        umsetzung: umsetzung as Umsetzung,
      });
      return withOk(
        back,
        `Beschluss ${b.nummer} gespeichert (${umsetzungLabels[b.umsetzung]}).`,
        `#beschluss-${id}`,
      );
    });
  });
}
