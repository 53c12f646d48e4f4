import { hasRole, type Principal } from '../../../platform/http/principal.ts';
import { Flash, type FlashMessage } from '../../../platform/ui/flash.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { AntraegeSection, type AntragRow } from '../antraege/antraege.section.tsx';
import { FormulareSection, type FormularView } from '../formulare/formulare.section.tsx';
import type { Leistung } from './leistungen.models.ts';
import { type AktivierungView, LeistungenSection } from './leistungen.section.tsx';

/** Staff overview: the county's Anträge, its services and their activation, and the FIM import. */
export function OnlinedienstePage(props: {
  principal: Principal;
  tenantName: string;
  flash?: FlashMessage;
  antraege: { items: AntragRow[]; total: number };
  status: string;
  leistungen: Leistung[];
  aktivierungen: AktivierungView[];
  formulare: FormularView[];
}) {
  const { principal } = props;
  return (
    <Layout title="Onlinedienste" principal={principal} tenantName={props.tenantName} active="onlinedienste">
      <h1 class="kern-heading-large">Onlinedienste</h1>
      <Flash flash={props.flash} />
      <AntraegeSection antraege={props.antraege} status={props.status} />
      <LeistungenSection leistungen={props.leistungen} aktivierungen={props.aktivierungen} />
      <FormulareSection
        formulare={props.formulare}
        principal={principal}
        admin={hasRole(principal, 'kreis-admin', 'verbund-admin')}
      />
    </Layout>
  );
}
