import { hasRole } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { Alert, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import { Flash } from '../../../platform/ui/flash.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import {
  type OrgUnitOption,
  OrgUnitSelect,
  type PageBase,
  Section,
  StatusBadge,
} from '../records.components.tsx';
import { vertraulichkeitLabels } from '../records.models.ts';
import { canWrite } from '../viewer/viewer.models.ts';
import type { Vorgang } from '../vorgaenge/vorgaenge.models.ts';
import type { Akte } from './akten.models.ts';

/** One Akte: its facts, its Vorgänge, a new Vorgang, z.d.A. and reopening. */
export function AktePage(props: PageBase & { akte: Akte; vorgaenge: Vorgang[]; orgUnits: OrgUnitOption[] }) {
  const { principal, akte } = props;
  const writable = canWrite(principal) && akte.status === 'offen';
  return (
    <Layout
      title={`Akte ${akte.aktenzeichen}`}
      principal={principal}
      tenantName={props.tenantName}
      active="akten"
    >
      <p class="kern-body kern-body--small">
        <a class="kern-link" href={`/akten?aktenplan=${encodeURIComponent(akte.aktenplan.kennzeichen)}`}>
          {akte.aktenplan.kennzeichen} {akte.aktenplan.titel}
        </a>
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{akte.titel}</h1>
        <p class="kern-subline">
          Aktenzeichen {akte.aktenzeichen} <StatusBadge status={akte.status} />
        </p>
      </hgroup>
      <Flash flash={props.flash} />
      <Facts
        rows={[
          [
            'Federführung',
            akte.federfuehrendeOe ? `${akte.federfuehrendeOe.kuerzel} – ${akte.federfuehrendeOe.name}` : '–',
          ],
          ['Vertraulichkeit', vertraulichkeitLabels[akte.vertraulichkeit]],
          ['Angelegt', dateDe(akte.createdAt)],
          ['z.d.A. seit', akte.closedAt ? dateDe(akte.closedAt) : '–'],
        ]}
      />
      {akte.status === 'zda' ? (
        <Alert kind="info" title="Diese Akte ist z.d.A. verfügt">
          Sie ist eingefroren: keine neuen Vorgänge, Dokumente oder Versionen.
        </Alert>
      ) : null}
      <h2 class="kern-heading-medium">Vorgänge ({props.vorgaenge.length})</h2>
      {props.vorgaenge.length === 0 ? (
        <p class="kern-body">Diese Akte hat noch keine Vorgänge.</p>
      ) : (
        <VorgaengeTable vorgaenge={props.vorgaenge} />
      )}
      {writable ? (
        <Section id="neuer-vorgang" title="Neuer Vorgang">
          <form method="post" action={`/akten/${akte.id}/vorgaenge`}>
            <CsrfField principal={principal} />
            <TextField id="betreff" label="Betreff" required />
            <TextField id="frist" label="Frist (optional)" type="date" />
            <OrgUnitSelect
              id="zustaendigOe"
              label="Zuständige Organisationseinheit"
              orgUnits={props.orgUnits}
            />
            <SubmitButton label="Vorgang anlegen" />
          </form>
        </Section>
      ) : null}
      {writable ? (
        <form method="post" action={`/akten/${akte.id}/zda`} class="vb-section">
          <CsrfField principal={principal} />
          <SubmitButton label="Akte z.d.A. verfügen" kind="secondary" />
        </form>
      ) : null}
      {akte.status === 'zda' && hasRole(principal, 'leitung') ? (
        <Section id="wiedereroeffnen" title="Akte wieder öffnen">
          <form method="post" action={`/akten/${akte.id}/wiedereroeffnen`}>
            <CsrfField principal={principal} />
            <TextField id="begruendung" label="Begründung (wird protokolliert)" required />
            <SubmitButton label="Wieder öffnen" kind="secondary" />
          </form>
        </Section>
      ) : null}
    </Layout>
  );
}

const VorgaengeTable = ({ vorgaenge }: { vorgaenge: Vorgang[] }) => (
  <Table
    caption="Vorgänge der Akte"
    head={['Betreff', 'Eingang', 'Frist', 'Zuständig', 'Dokumente', 'Status']}
  >
    {vorgaenge.map((v) => (
      <Tr>
        <Td>
          <a class="kern-link" href={`/vorgaenge/${v.id}`}>
            {v.betreff}
          </a>
        </Td>
        <Td>{dateDe(v.eingangsdatum)}</Td>
        <Td>{dateDe(v.frist)}</Td>
        <Td>{v.zustaendigPerson ?? v.zustaendigOe ?? '–'}</Td>
        <Td>{v.dokumente}</Td>
        <Td>
          <StatusBadge status={v.status} />
        </Td>
      </Tr>
    ))}
  </Table>
);
