import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Pager } from '../../../platform/ui/pager.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { Gremium } from '../gremien/gremien.usecases.ts';
import {
  Badge,
  berlinDay,
  berlinTime,
  GremienLayout,
  may,
  type PageFrame,
  Section,
  summaryOf,
  Why,
} from './gremien-ui.kit.tsx';
import { sitzungStatusLabels } from './gremien-ui.labels.ts';
import type { Sitzung } from './gremien-ui.types.ts';
import type { FieldErrors } from './vorlage-form.ts';

export const SitzungStatusBadge = ({ status }: { status: string }) => (
  <Badge kind={status === 'abgesagt' ? 'danger' : status === 'durchgefuehrt' ? 'success' : 'info'}>
    {sitzungStatusLabels[status] ?? status}
  </Badge>
);

const MONTH = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' });
const monthOf = (iso: string) => MONTH.format(new Date(iso));

/** Sessions grouped by month, as a calendar reads: one table per month. */
function Kalender({ items }: { items: Sitzung[] }) {
  const months = new Map<string, Sitzung[]>();
  for (const s of items) months.set(monthOf(s.beginn), [...(months.get(monthOf(s.beginn)) ?? []), s]);
  return (
    <>
      {[...months].map(([month, sitzungen], i) => (
        <section aria-labelledby={`monat-${i}`} class="vb-section">
          <h2 class="kern-heading-medium" id={`monat-${i}`}>
            {month}
          </h2>
          <Table labelledBy={`monat-${i}`} head={['Tag', 'Zeit', 'Sitzung', 'Ort', 'Stand']}>
            {sitzungen.map((s) => (
              <Tr>
                <Td>{dateDe(berlinDay(s.beginn))}</Td>
                <Td>
                  {berlinTime(s.beginn)}
                  {s.ende ? `–${berlinTime(s.ende)}` : ''} Uhr
                </Td>
                <Td>
                  <a class="kern-link" href={`/sitzungen/${s.id}`}>
                    {s.nummer}. Sitzung {s.gremium}
                  </a>
                </Td>
                <Td>{s.ort ?? '–'}</Td>
                <Td>
                  <SitzungStatusBadge status={s.status} />
                </Td>
              </Tr>
            ))}
          </Table>
        </section>
      ))}
    </>
  );
}

export type NeueSitzungValues = {
  gremiumId: string;
  datum: string;
  beginn: string;
  ende: string;
  ort: string;
};

function NeueSitzung(props: {
  principal: Principal;
  gremien: Gremium[];
  values: NeueSitzungValues;
  errors: FieldErrors;
}) {
  const { values, errors } = props;
  return (
    <Section id="neu" title="Sitzung anlegen">
      <form method="post" action="/sitzungen" novalidate>
        <CsrfField principal={props.principal} />
        <ErrorSummary errors={summaryOf(errors)} />
        <div class="kern-stack">
          <SelectField
            id="gremiumId"
            label="Gremium"
            value={values.gremiumId}
            error={errors.gremiumId}
            options={[
              { value: '', label: '– bitte wählen –' },
              ...props.gremien.map((g) => ({ value: g.id, label: g.name })),
            ]}
          />
          <TextField id="datum" label="Datum" type="date" value={values.datum} error={errors.datum} />
          <TextField
            id="beginn"
            label="Beginn (Uhrzeit)"
            type="time"
            value={values.beginn}
            error={errors.beginn}
          />
          <TextField
            id="ende"
            label="Ende (Uhrzeit, optional)"
            type="time"
            value={values.ende}
            error={errors.ende}
          />
          <TextField id="ort" label="Ort" value={values.ort} error={errors.ort} />
          <div>
            <SubmitButton label="Sitzung anlegen" />
          </div>
        </div>
      </form>
    </Section>
  );
}

/** Sessions of the county: filter by Gremium and period, a calendar by month, a form for a new one. */
export function SitzungenPage(props: {
  frame: PageFrame;
  items: Sitzung[];
  total: number;
  gremien: Gremium[];
  filter: { gremiumId: string; von: string; bis: string };
  page: { limit: number; offset: number };
  neu: NeueSitzungValues;
  errors: FieldErrors;
}) {
  const { frame, filter } = props;
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString();
  return (
    <GremienLayout frame={frame} tab="sitzungen" title="Sitzungen">
      <form method="get" action="/sitzungen" class="vb-filter">
        <SelectField
          id="gremium"
          label="Gremium"
          value={filter.gremiumId}
          options={[
            { value: '', label: 'alle' },
            ...props.gremien.map((g) => ({ value: g.id, label: g.name })),
          ]}
        />
        <TextField id="von" label="von" type="date" value={filter.von} />
        <TextField id="bis" label="bis" type="date" value={filter.bis} />
        <SubmitButton label="Filtern" kind="secondary" />
      </form>
      {props.items.length === 0 ? (
        <p class="kern-body">Keine Sitzungen in diesem Zeitraum.</p>
      ) : (
        <Kalender items={props.items} />
      )}
      <Pager total={props.total} page={props.page} base={query ? `/sitzungen?${query}` : '/sitzungen'} />
      {may.edit(frame.principal) ? (
        <NeueSitzung
          principal={frame.principal}
          gremien={props.gremien}
          values={props.neu}
          errors={props.errors}
        />
      ) : (
        <Why>Sitzungen anlegen dürfen die Sachbearbeitung, die Leitung und die Kreis-Administration.</Why>
      )}
    </GremienLayout>
  );
}
