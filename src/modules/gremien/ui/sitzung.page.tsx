import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import type { FlashMessage } from '../../../platform/ui/flash.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { canChangeStatus, type SitzungStatus } from '../sitzungen/sitzungen.models.ts';
import type { Vorlage } from '../vorlagen/vorlagen.usecases.ts';
import {
  berlinDay,
  berlinTime,
  FieldError,
  GremienLayout,
  may,
  type PageFrame,
  Section,
  summaryOf,
  Why,
} from './gremien-ui.kit.tsx';
import { ergebnisLabels, sitzungActionLabels, sitzungStatusLabels } from './gremien-ui.labels.ts';
import type { Sitzung, Top } from './gremien-ui.types.ts';
import { SitzungStatusBadge } from './sitzungen.page.tsx';
import type { FieldErrors } from './vorlage-form.ts';

export type NeuerTopValues = { titel: string; teil: string; vorlageId: string };
const STATES: SitzungStatus[] = ['eingeladen', 'durchgefuehrt', 'abgesagt', 'geplant'];

export const agendaOpen = (s: Sitzung) => s.status === 'geplant' || s.status === 'eingeladen';

function StatusActions({ principal, sitzung }: { principal: Principal; sitzung: Sitzung }) {
  const targets = STATES.filter((to) => to !== sitzung.status && canChangeStatus(sitzung.status, to));
  if (!may.edit(principal))
    return <Why>Den Stand ändern dürfen die Sachbearbeitung, die Leitung und die Kreis-Administration.</Why>;
  if (targets.length === 0) return <Why>Eine durchgeführte Sitzung ändert ihren Stand nicht mehr.</Why>;
  return (
    <div class="vb-actions">
      {targets.map((to) => (
        <form method="post" action={`/sitzungen/${sitzung.id}/status`} class="vb-inline-form">
          <CsrfField principal={principal} />
          <input type="hidden" name="status" value={to} />
          <SubmitButton
            label={sitzungActionLabels[to]!}
            kind={to === 'abgesagt' ? 'tertiary' : 'secondary'}
          />
        </form>
      ))}
    </div>
  );
}

/** A "nach oben"/"nach unten" button: a plain form post; htmx swaps only the agenda when it is there. */
function MoveButton({
  principal,
  sitzungId,
  top,
  richtung,
}: {
  principal: Principal;
  sitzungId: string;
  top: Top;
  richtung: 'hoch' | 'runter';
}) {
  return (
    <form
      method="post"
      action={`/sitzungen/${sitzungId}/tagesordnung/verschieben`}
      class="vb-inline-form"
      hx-post={`/sitzungen/${sitzungId}/tagesordnung/verschieben`}
      hx-target="#tagesordnung"
      hx-select="#tagesordnung"
      hx-swap="outerHTML"
    >
      <CsrfField principal={principal} />
      <input type="hidden" name="top" value={top.id} />
      <input type="hidden" name="richtung" value={richtung} />
      <button
        type="submit"
        class="kern-btn kern-btn--tertiary kern-btn--x-small"
        aria-label={`${richtung === 'hoch' ? 'nach oben' : 'nach unten'}: ${top.nummer} ${top.titel}`}
      >
        <span class="kern-label">{richtung === 'hoch' ? 'nach oben' : 'nach unten'}</span>
      </button>
    </form>
  );
}

/** The agenda in order, Ö/N numbers, Vorlage, result, and the reorder buttons. */
export function Tagesordnung({ principal, sitzung }: { principal: Principal; sitzung: Sitzung }) {
  const tops = sitzung.tagesordnung ?? [];
  const movable = may.edit(principal) && agendaOpen(sitzung);
  return (
    <section id="tagesordnung" aria-labelledby="tagesordnung-titel" class="vb-section">
      <h2 class="kern-heading-medium" id="tagesordnung-titel">
        Tagesordnung ({tops.length} {tops.length === 1 ? 'Punkt' : 'Punkte'})
      </h2>
      {tops.length === 0 ? (
        <p class="kern-body">Noch keine Tagesordnungspunkte.</p>
      ) : (
        <Table
          labelledBy="tagesordnung-titel"
          head={['TOP', 'Gegenstand', 'Vorlage', 'Ergebnis', ...(movable ? ['Reihenfolge'] : [])]}
        >
          {tops.map((t, i) => (
            <Tr>
              <Td>{t.nummer}</Td>
              <Td>
                {t.titel}
                {t.oeffentlich ? null : <span class="kern-body kern-body--small"> (nichtöffentlich)</span>}
              </Td>
              <Td>
                {t.vorlageId ? (
                  <a class="kern-link" href={`/vorlagen/${t.vorlageId}`}>
                    {t.drucksachenNr}
                  </a>
                ) : (
                  '–'
                )}
              </Td>
              <Td>
                {t.beratung
                  ? `${ergebnisLabels[t.beratung.ergebnis] ?? t.beratung.ergebnis}${t.beratung.ja !== null ? ` (Ja ${t.beratung.ja}, Nein ${t.beratung.nein}, Enthaltungen ${t.beratung.enthaltung})` : ''}`
                  : '–'}
              </Td>
              {movable ? (
                <Td>
                  {i > 0 ? (
                    <MoveButton principal={principal} sitzungId={sitzung.id} top={t} richtung="hoch" />
                  ) : null}
                  {i < tops.length - 1 ? (
                    <MoveButton principal={principal} sitzungId={sitzung.id} top={t} richtung="runter" />
                  ) : null}
                </Td>
              ) : null}
            </Tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function NeuerTop(props: {
  principal: Principal;
  sitzung: Sitzung;
  vorlagen: Vorlage[];
  values: NeuerTopValues;
  errors: FieldErrors;
}) {
  const { values, errors } = props;
  return (
    <Section id="top-neu" title="Tagesordnungspunkt anfügen">
      <form method="post" action={`/sitzungen/${props.sitzung.id}/tagesordnung`} novalidate>
        <CsrfField principal={props.principal} />
        <ErrorSummary errors={summaryOf(errors)} />
        <div class="kern-stack">
          <TextField
            id="titel"
            label="Gegenstand"
            hint="Leer lassen, um den Betreff der Vorlage zu übernehmen"
            value={values.titel}
            error={errors.titel}
          />
          <fieldset class={`kern-fieldset${errors.teil ? ' kern-fieldset--error' : ''}`} id="teil">
            <legend class="kern-label">Teil der Sitzung</legend>
            {errors.teil ? <FieldError id="teil" message={errors.teil} /> : null}
            <div class="kern-fieldset__body">
              {[
                ['oeffentlich', 'öffentlich'],
                ['nichtoeffentlich', 'nichtöffentlich'],
              ].map(([value, label]) => (
                <div class="kern-form-check">
                  <input
                    class="kern-form-check__radio"
                    type="radio"
                    id={`teil-${value}`}
                    name="teil"
                    value={value}
                    checked={(values.teil || 'oeffentlich') === value}
                  />
                  <label class="kern-label" for={`teil-${value}`}>
                    {label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <SelectField
            id="vorlageId"
            label="Vorlage"
            value={values.vorlageId}
            error={errors.vorlageId}
            options={[
              { value: '', label: '– ohne Vorlage –' },
              ...props.vorlagen.map((v) => ({
                value: v.id,
                label: `${v.drucksachenNr} – ${v.betreff.slice(0, 80)}${v.oeffentlich ? '' : ' (nichtöffentlich)'}`,
              })),
            ]}
          />
          <div>
            <SubmitButton label="Punkt anfügen" />
          </div>
        </div>
      </form>
    </Section>
  );
}

/** One session: facts, state changes, the agenda with reorder, a form for a new item. */
export function SitzungPage(props: {
  frame: PageFrame;
  sitzung: Sitzung;
  vorlagen: Vorlage[];
  neu: NeuerTopValues;
  errors: FieldErrors;
  flash?: FlashMessage | null;
}) {
  const { frame, sitzung } = props;
  const { principal } = frame;
  return (
    <GremienLayout
      frame={frame}
      tab="sitzungen"
      title={`${sitzung.nummer}. Sitzung ${sitzung.gremium}`}
      subline={
        <>
          {dateDe(berlinDay(sitzung.beginn))} · <SitzungStatusBadge status={sitzung.status} />
        </>
      }
      flash={props.flash}
    >
      <p class="kern-body">
        <a class="kern-link" href="/sitzungen">
          Zurück zu den Sitzungen
        </a>
        {' · '}
        <a class="kern-link" href={`/sitzungen/${sitzung.id}/cockpit`}>
          Sitzungscockpit: Anwesenheit und Abstimmungen
        </a>
        {' · '}
        <a class="kern-link" href={`/api/v1/sitzungen/${sitzung.id}/einladung.pdf`}>
          Einladung (PDF)
        </a>
        {sitzung.status === 'durchgefuehrt' ? (
          <>
            {' · '}
            <a class="kern-link" href={`/api/v1/sitzungen/${sitzung.id}/niederschrift.pdf`}>
              Niederschrift (PDF)
            </a>
          </>
        ) : null}
      </p>
      <Facts
        rows={[
          ['Gremium', sitzung.gremium],
          ['Sitzung', `Nr. ${sitzung.nummer}`],
          [
            'Zeit',
            `${dateDe(berlinDay(sitzung.beginn))}, ${berlinTime(sitzung.beginn)}${sitzung.ende ? `–${berlinTime(sitzung.ende)}` : ''} Uhr`,
          ],
          ['Ort', sitzung.ort ?? '–'],
          ['Stand', sitzungStatusLabels[sitzung.status] ?? sitzung.status],
        ]}
      />
      <Section id="stand" title="Stand ändern">
        <StatusActions principal={principal} sitzung={sitzung} />
      </Section>
      <Tagesordnung principal={principal} sitzung={sitzung} />
      {!may.edit(principal) ? (
        <Why>
          Die Tagesordnung bearbeiten dürfen die Sachbearbeitung, die Leitung und die Kreis-Administration.
        </Why>
      ) : agendaOpen(sitzung) ? (
        <NeuerTop
          principal={principal}
          sitzung={sitzung}
          vorlagen={props.vorlagen}
          values={props.neu}
          errors={props.errors}
        />
      ) : (
        <Why>Die Tagesordnung einer {sitzungStatusLabels[sitzung.status]}en Sitzung ist geschlossen.</Why>
      )}
    </GremienLayout>
  );
}
