import type { Principal } from '../../platform/http/principal.ts';
import { hasRole } from '../../platform/http/principal.ts';
import { Alert } from '../../platform/ui/components.tsx';
import { Flash, type FlashMessage } from '../../platform/ui/flash.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import { NewConnectorSection } from './anbindungen/anbindung-neu.page.tsx';
import type { Connector } from './anbindungen/anbindungen.models.ts';
import { ConnectorsSection } from './anbindungen/anbindungen.page.tsx';
import type { Fachverfahren } from './fachverfahren/fachverfahren.models.ts';
import { FachverfahrenSection } from './fachverfahren/fachverfahren.page.tsx';
import type { MonitorVerbundZeile, MonitorZeile, Zustellung } from './zustellung/zustellung.models.ts';
import { DeadLettersSection, MonitorSection, MonitorVerbundSection } from './zustellung/zustellung.page.tsx';

/** Staff page of the integrations module: connectors, monitor, dead letters, Fachverfahren. */
export function AnbindungenPage(props: {
  principal: Principal;
  tenantName: string;
  flash?: FlashMessage;
  neuesToken?: { name: string; token: string };
  connectors: Connector[];
  monitor: MonitorZeile[];
  monitorVerbund?: MonitorVerbundZeile[];
  tot: Zustellung[];
  fachverfahren: Fachverfahren[];
}) {
  const { principal } = props;
  return (
    <Layout
      title="Fachverfahren-Anbindung"
      principal={principal}
      tenantName={props.tenantName}
      active="anbindungen"
    >
      <h1 class="kern-heading-large">Fachverfahren-Anbindung</h1>
      <Flash flash={props.flash} />
      {props.neuesToken ? (
        <Alert kind="success" title={`Fachverfahren „${props.neuesToken.name}“ angemeldet`}>
          <p class="kern-body">
            API-Token (wird nur jetzt angezeigt): <code class="vb-code">{props.neuesToken.token}</code>
          </p>
        </Alert>
      ) : null}
      <MonitorSection monitor={props.monitor} />
      {props.monitorVerbund ? <MonitorVerbundSection monitor={props.monitorVerbund} /> : null}
      <DeadLettersSection tot={props.tot} principal={principal} />
      <ConnectorsSection connectors={props.connectors} principal={principal} />
      {hasRole(principal, 'kreis-admin', 'verbund-admin') ? (
        <NewConnectorSection tenantName={props.tenantName} principal={principal} />
      ) : null}
      <FachverfahrenSection fachverfahren={props.fachverfahren} principal={principal} />
    </Layout>
  );
}
