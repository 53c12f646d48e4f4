import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { ErrorSummary } from '../../../platform/ui/components.tsx';
import { PortalLayout } from './portal.layout.tsx';

/** "Antrag verfolgen": the form for a tracking code. */
export function TrackingFormPage({ code, error }: { code: string; error?: string }) {
  return (
    <PortalLayout title="Antrag verfolgen">
      <h1 class="kern-heading-large">Antrag verfolgen</h1>
      <ErrorSummary errors={error ? [{ field: 'code', message: error }] : []} />
      <form method="get" action="/portal/status" class="vb-filter">
        <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="code">
            Vorgangscode
          </label>
          <div class="kern-hint" id="code-hint">
            Steht in Ihrer Eingangsbestätigung, z. B. 16062-7K3M-Q9TX-4D2B-H8WN
          </div>
          <input
            class="kern-form-input__input"
            id="code"
            name="code"
            type="text"
            value={code}
            autocomplete="off"
            aria-describedby="code-hint"
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <div>
          <SubmitButton label="Stand abrufen" />
        </div>
      </form>
    </PortalLayout>
  );
}
