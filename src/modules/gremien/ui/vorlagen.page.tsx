import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { SelectField } from '../../../platform/ui/components.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Pager } from '../../../platform/ui/pager.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { Gremium } from '../gremien/gremien.usecases.ts';
import type { Vorlage } from '../vorlagen/vorlagen.usecases.ts';
import { GremienLayout, may, type PageFrame, Why } from './gremien-ui.kit.tsx';
import { optionsOf, vorlageArtLabels, vorlageStatusLabels } from './gremien-ui.labels.ts';
import { VorlageStatusBadge } from './vorlage.page.tsx';
import { type OrgUnitOption, VorlageForm } from './vorlage-editor.page.tsx';
import type { FieldErrors, VorlageFormValues } from './vorlage-form.ts';

/** The county's Vorlagen, newest first, filtered by state. */
export function VorlagenPage(props: {
  frame: PageFrame;
  items: Vorlage[];
  total: number;
  status: string;
  page: { limit: number; offset: number };
}) {
  const { frame } = props;
  return (
    <GremienLayout frame={frame} tab="vorlagen" title="Vorlagen">
      {may.edit(frame.principal) ? (
        <p class="kern-body">
          <a class="kern-btn kern-btn--primary" href="/vorlagen/neu">
            <span class="kern-label">Neue Vorlage</span>
          </a>
        </p>
      ) : (
        <Why>Vorlagen anlegen dürfen die Sachbearbeitung, die Leitung und die Kreis-Administration.</Why>
      )}
      <form method="get" action="/vorlagen" class="vb-filter">
        <SelectField
          id="status"
          label="Stand"
          value={props.status}
          options={[{ value: '', label: 'alle' }, ...optionsOf(vorlageStatusLabels)]}
        />
        <SubmitButton label="Filtern" kind="secondary" />
      </form>
      {props.items.length === 0 ? (
        <p class="kern-body">Keine Vorlagen{props.status ? ' in diesem Stand' : ''}.</p>
      ) : (
        <Table
          caption={`${props.total} Vorlage${props.total === 1 ? '' : 'n'}`}
          head={['Drucksachen-Nr.', 'Betreff', 'Art', 'Stand', 'Einreichung']}
        >
          {props.items.map((v) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`/vorlagen/${v.id}`}>
                  {v.drucksachenNr}
                </a>
              </Td>
              <Td>{v.betreff}</Td>
              <Td>{vorlageArtLabels[v.art] ?? v.art}</Td>
              <Td>
                <VorlageStatusBadge status={v.status} />
              </Td>
              <Td>{dateDe(v.einreichung)}</Td>
            </Tr>
          ))}
        </Table>
      )}
      <Pager
        total={props.total}
        page={props.page}
        base={props.status ? `/vorlagen?status=${props.status}` : '/vorlagen'}
      />
    </GremienLayout>
  );
}

/** A new Vorlage; the Drucksachen-Nr. is drawn when it is saved. */
export function NeueVorlagePage(props: {
  frame: PageFrame;
  values: VorlageFormValues;
  errors: FieldErrors;
  gremien: Gremium[];
  orgUnits: OrgUnitOption[];
  nummerBeispiel: string;
  flash?: { kind: 'danger'; text: string } | null;
}) {
  return (
    <GremienLayout frame={props.frame} tab="vorlagen" title="Neue Vorlage" flash={props.flash}>
      <p class="kern-body">
        Die Drucksachen-Nr. wird beim Speichern lückenlos vergeben (Muster: {props.nummerBeispiel}).
      </p>
      <VorlageForm
        principal={props.frame.principal}
        action="/vorlagen"
        submitLabel="Vorlage anlegen"
        values={props.values}
        errors={props.errors}
        gremien={props.gremien}
        orgUnits={props.orgUnits}
      />
    </GremienLayout>
  );
}
