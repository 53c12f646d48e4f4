import { hasRole } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { SelectField, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Flash } from '../../../platform/ui/flash.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Pager } from '../../../platform/ui/pager.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { AktenplanUnit } from '../aktenplan/aktenplan.models.ts';
import { AktenplanImportSection, UnitTree } from '../aktenplan/aktenplan.page.tsx';
import {
  type OrgUnitOption,
  OrgUnitSelect,
  type PageBase,
  Section,
  StatusBadge,
} from '../records.components.tsx';
import { canWrite } from '../viewer/viewer.models.ts';
import type { Akte } from './akten.models.ts';

export type AktenFilterView = { aktenplan?: string; q?: string; status?: string };

/** The E-Akte start: the Aktenplan beside the Akten of the chosen unit; new Akte; CSV import. */
export function AktenPage(
  props: PageBase & {
    units: AktenplanUnit[];
    akten: { items: Akte[]; total: number };
    filter: AktenFilterView;
    orgUnits: OrgUnitOption[];
    defaultKennzeichen: string;
    page: { limit: number; offset: number };
  },
) {
  const { principal, units, akten, filter } = props;
  const current = units.find((u) => u.kennzeichen === filter.aktenplan);
  return (
    <Layout title="E-Akte" principal={principal} tenantName={props.tenantName} active="akten">
      <h1 class="kern-heading-large">E-Akte</h1>
      <Flash flash={props.flash} />
      <div class="vb-split">
        <nav aria-labelledby="aktenplan-titel" class="vb-split__side">
          <h2 class="kern-heading-small" id="aktenplan-titel">
            Aktenplan
          </h2>
          <p class="kern-body kern-body--small">
            <a class="kern-link" href="/akten">
              Alle Akten
            </a>{' '}
            ·{' '}
            <a class="kern-link" href="/api/v1/aktenplan/export">
              Als CSV herunterladen
            </a>
          </p>
          <UnitTree units={units} parentId={null} current={filter.aktenplan} />
        </nav>
        <div class="vb-split__main">
          <h2 class="kern-heading-medium">
            {current ? `${current.kennzeichen} ${current.titel}` : 'Alle Akten'} ({akten.total})
          </h2>
          <AktenFilterForm filter={filter} />
          {akten.items.length === 0 ? (
            <p class="kern-body">Hier gibt es noch keine Akten.</p>
          ) : (
            <AktenTable akten={akten.items} />
          )}
          <Pager
            total={akten.total}
            page={props.page}
            base={`/akten?${new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])))}`}
          />
          {hasRole(principal, 'kreis-admin', 'verbund-admin') ? (
            <AktenplanImportSection principal={principal} />
          ) : null}
          {canWrite(principal) ? (
            <Section id="neue-akte" title="Neue Akte anlegen">
              <form method="post" action="/akten">
                <CsrfField principal={principal} />
                <TextField id="titel" label="Titel der Akte" required />
                <SelectField
                  id="aktenplan"
                  label="Aktenplaneinheit"
                  value={filter.aktenplan ?? props.defaultKennzeichen}
                  options={units.map((u) => ({ value: u.kennzeichen, label: `${u.kennzeichen} ${u.titel}` }))}
                />
                <OrgUnitSelect
                  id="federfuehrendeOe"
                  label="Federführende Organisationseinheit"
                  orgUnits={props.orgUnits}
                />
                <SubmitButton label="Akte anlegen" />
              </form>
            </Section>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

const AktenFilterForm = ({ filter }: { filter: AktenFilterView }) => (
  <search>
    <form method="get" action="/akten" class="vb-filter" aria-label="Akten filtern">
      {filter.aktenplan ? <input type="hidden" name="aktenplan" value={filter.aktenplan} /> : null}
      <TextField id="q" label="Titel oder Aktenzeichen" value={filter.q ?? ''} />
      <SelectField
        id="status"
        label="Status"
        value={filter.status ?? ''}
        options={[
          { value: '', label: 'alle' },
          { value: 'offen', label: 'offen' },
          { value: 'zda', label: 'z.d.A.' },
        ]}
      />
      <SubmitButton label="Filtern" kind="secondary" />
    </form>
  </search>
);

const AktenTable = ({ akten }: { akten: Akte[] }) => (
  <Table caption="Akten" head={['Aktenzeichen', 'Titel', 'Federführung', 'Vorgänge', 'Status']}>
    {akten.map((a) => (
      <Tr>
        <Td>
          <a class="kern-link" href={`/akten/${a.id}`}>
            {a.aktenzeichen}
          </a>
        </Td>
        <Td>{a.titel}</Td>
        <Td>{a.federfuehrendeOe?.kuerzel ?? '–'}</Td>
        <Td>{a.vorgaenge}</Td>
        <Td>
          <StatusBadge status={a.status} />
        </Td>
      </Tr>
    ))}
  </Table>
);
