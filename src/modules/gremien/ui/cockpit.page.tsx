import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import {
  berlinDay,
  Checkbox,
  FieldError,
  GremienLayout,
  may,
  type PageFrame,
  Section,
  Why,
} from './gremien-ui.kit.tsx';
import { ergebnisLabels, optionsOf, personName, rolleLabels } from './gremien-ui.labels.ts';
import type { Mitglied, Sitzung, Top } from './gremien-ui.types.ts';
import { SitzungStatusBadge } from './sitzungen.page.tsx';

/** What was typed into one item's vote form and what the server said about it. */
export type VoteForm = {
  topId: string;
  ergebnis: string;
  ja: string;
  nein: string;
  enthaltung: string;
  errors: Record<string, string>;
};

const valuesOf = (t: Top, form?: VoteForm) =>
  form ?? {
    topId: t.id,
    ergebnis: t.beratung?.ergebnis ?? 'beschlossen',
    ja: t.beratung?.ja?.toString() ?? '',
    nein: t.beratung?.nein?.toString() ?? '',
    enthaltung: t.beratung?.enthaltung?.toString() ?? '',
    errors: {},
  };

function Anwesenheit({
  frame,
  sitzung,
  mitglieder,
}: {
  frame: PageFrame;
  sitzung: Sitzung;
  mitglieder: Mitglied[];
}) {
  const present = new Set(sitzung.anwesend ?? []);
  const here = mitglieder.filter((m) => present.has(m.person.id));
  const voting = here.filter((m) => m.stimmberechtigt).length;
  return (
    <Section id="anwesenheit" title="Anwesenheit">
      <p class="kern-body" id="anwesenheit-stand">
        {here.length} von {mitglieder.length} Mitgliedern anwesend, davon {voting} mit Stimmrecht.
      </p>
      {mitglieder.length === 0 ? (
        <p class="kern-body">Das Gremium hat am Tag der Sitzung keine Mitglieder.</p>
      ) : may.edit(frame.principal) && sitzung.status !== 'abgesagt' ? (
        <form method="post" action={`/sitzungen/${sitzung.id}/anwesenheit`}>
          <CsrfField principal={frame.principal} />
          <fieldset class="kern-fieldset">
            <legend class="kern-label">Anwesend am {dateDe(berlinDay(sitzung.beginn))}</legend>
            <div class="kern-fieldset__body">
              {mitglieder.map((m) => (
                <Checkbox
                  id={`anwesend-${m.person.id}`}
                  name="anwesend"
                  value={m.person.id}
                  checked={present.has(m.person.id)}
                  label={`${personName(m.person)} (${[rolleLabels[m.rolle] ?? m.rolle, m.fraktion, m.stimmberechtigt ? '' : 'ohne Stimmrecht'].filter(Boolean).join(', ')})`}
                />
              ))}
            </div>
          </fieldset>
          <SubmitButton label="Anwesenheit speichern" />
        </form>
      ) : (
        <Why>
          {sitzung.status === 'abgesagt'
            ? 'Für eine abgesagte Sitzung wird keine Anwesenheit erfasst.'
            : 'Die Anwesenheit erfassen die Sachbearbeitung, die Leitung und die Kreis-Administration.'}
        </Why>
      )}
    </Section>
  );
}

function Beratung({
  frame,
  sitzung,
  top,
  form,
}: {
  frame: PageFrame;
  sitzung: Sitzung;
  top: Top;
  form?: VoteForm;
}) {
  const v = valuesOf(top, form);
  const id = (f: string) => `${f}-${top.id}`;
  return (
    <article class="vb-section" aria-labelledby={id('titel')} id={`top-${top.id}`}>
      <div>
        <hr class="kern-divider" />
        <h3 class="kern-heading-small" id={id('titel')}>
          {top.nummer} {top.titel}
          {top.drucksachenNr ? ` (${top.drucksachenNr})` : ''}
        </h3>
        <p class="kern-body">
          Ergebnis:{' '}
          {top.beratung
            ? `${ergebnisLabels[top.beratung.ergebnis] ?? top.beratung.ergebnis}${top.beratung.ja !== null ? ` – Ja ${top.beratung.ja}, Nein ${top.beratung.nein}, Enthaltungen ${top.beratung.enthaltung}` : ''}`
            : 'noch nicht erfasst'}
        </p>
        {may.edit(frame.principal) ? (
          <form
            method="post"
            action={`/sitzungen/${sitzung.id}/tagesordnungspunkte/${top.id}/beratung`}
            novalidate
          >
            <CsrfField principal={frame.principal} />
            {v.errors.top ? <FieldError id={id('top')} message={v.errors.top} /> : null}
            <div class="vb-filter">
              <SelectField
                id={id('ergebnis')}
                label="Ergebnis"
                value={v.ergebnis}
                error={v.errors.ergebnis}
                options={optionsOf(ergebnisLabels)}
              />
              <TextField id={id('ja')} label="Ja" type="number" value={v.ja} error={v.errors.ja} />
              <TextField id={id('nein')} label="Nein" type="number" value={v.nein} error={v.errors.nein} />
              <TextField
                id={id('enthaltung')}
                label="Enthaltungen"
                type="number"
                value={v.enthaltung}
                error={v.errors.enthaltung}
              />
              <SubmitButton label="Ergebnis speichern" kind="secondary" />
            </div>
          </form>
        ) : null}
      </div>
    </article>
  );
}

/** The session cockpit: who is present, and the result and votes of every agenda item. */
export function CockpitPage(props: {
  frame: PageFrame;
  sitzung: Sitzung;
  mitglieder: Mitglied[];
  vote?: VoteForm;
}) {
  const { frame, sitzung, vote } = props;
  const tops = sitzung.tagesordnung ?? [];
  const summary = vote
    ? Object.entries(vote.errors).map(([f, message]) => ({
        field: f,
        message,
        href: `#${f === 'top' ? `top-${vote.topId}` : `${f}-${vote.topId}`}`,
      }))
    : [];
  return (
    <GremienLayout
      frame={frame}
      tab="sitzungen"
      title={`Sitzungscockpit: ${sitzung.nummer}. Sitzung ${sitzung.gremium}`}
      subline={
        <>
          {dateDe(berlinDay(sitzung.beginn))} · <SitzungStatusBadge status={sitzung.status} />
        </>
      }
    >
      <p class="kern-body">
        <a class="kern-link" href={`/sitzungen/${sitzung.id}`}>
          Zurück zur Sitzung und Tagesordnung
        </a>
      </p>
      <ErrorSummary errors={summary} title="Das Ergebnis wurde nicht gespeichert" />
      <Anwesenheit frame={frame} sitzung={sitzung} mitglieder={props.mitglieder} />
      <Section id="beratungen" title="Ergebnisse und Abstimmungen">
        {sitzung.status === 'geplant' ? <Why>Ergebnisse werden erst ab der Einladung erfasst.</Why> : null}
        <p class="kern-body">
          Ja, Nein und Enthaltungen zusammen angeben oder alle drei leer lassen; ihre Summe darf die
          anwesenden Stimmberechtigten nicht übersteigen.
        </p>
        {tops.length === 0 ? (
          <p class="kern-body">Die Tagesordnung ist leer.</p>
        ) : (
          tops.map((t) => (
            <Beratung
              frame={frame}
              sitzung={sitzung}
              top={t}
              form={vote?.topId === t.id ? vote : undefined}
            />
          ))
        )}
      </Section>
    </GremienLayout>
  );
}
