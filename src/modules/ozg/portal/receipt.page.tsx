import { Alert } from '../../../platform/ui/components.tsx';
import { when } from '../format.ts';
import { PortalLayout } from './portal.layout.tsx';

/** What the citizen's pages show of a tracked Antrag. */
export type TrackedView = {
  nummer: string;
  trackingCode: string;
  leistung: { name: string };
  zustaendig: { name: string };
  statusText: string;
  status: string;
  eingang: string;
  nachrichten: Array<{ art: string; text: string; zeit: string; dokumentId: string | null; offen: boolean }>;
};

/** The receipt after sending: number, tracking code, the PDF. */
export function ReceiptPage({ antrag }: { antrag: TrackedView }) {
  const base = `/portal/status/${antrag.trackingCode}`;
  return (
    <PortalLayout title="Antrag eingegangen">
      <Alert kind="success" title="Ihr Antrag ist eingegangen">
        <p class="kern-body">
          {antrag.zustaendig.name} hat Ihren Antrag „{antrag.leistung.name}“ am {when(antrag.eingang)}{' '}
          erhalten.
        </p>
      </Alert>
      <h1 class="kern-heading-large">Eingangsbestätigung</h1>
      <dl class="vb-facts">
        <dt>Antragsnummer</dt>
        <dd>{antrag.nummer}</dd>
        <dt>Vorgangscode</dt>
        <dd>
          <strong class="vb-code">{antrag.trackingCode}</strong>
        </dd>
      </dl>
      <p class="kern-body">
        Mit dem Vorgangscode können Sie den Stand Ihres Antrags jederzeit abrufen – ohne Konto. Bitte notieren
        Sie ihn oder laden Sie die Eingangsbestätigung herunter.
      </p>
      <p class="kern-body">
        <a class="kern-link" href={`${base}/quittung.pdf`}>
          Eingangsbestätigung herunterladen (PDF)
        </a>
      </p>
      <p class="kern-body">
        <a class="kern-link" href={base}>
          Stand des Antrags ansehen
        </a>
      </p>
    </PortalLayout>
  );
}
