import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { SelectField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import { Flash, type FlashMessage } from '../../../platform/ui/flash.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { when } from '../format.ts';
import { DataList } from '../formulare/data-list.tsx';
import type { FormDefinition } from '../formulare/form.models.ts';
import { ANTRAG_STATUS, STAFF_STATUS_CHOICES } from './antraege.models.ts';

type AntragView = {
  id: string;
  nummer: string;
  status: string;
  statusText: string;
  eingang: string;
  vorgangId: string;
  leistung: { name: string; leika: string };
  gemeinde: { name: string; ags: string };
  daten: Record<string, unknown>;
  anlagen: Array<{ dateiname: string; dokumentId: string; groesse: number }>;
  nachrichten: Array<{ art: string; text: string; zeit: string }>;
  formular: { id: string; version: number } | null;
};

/** One Antrag for the case worker: facts, data, attachments, case work (status, message, Bescheid), history. */
export function AntragPage(props: {
  principal: Principal;
  tenantName: string;
  flash?: FlashMessage;
  antrag: AntragView;
  definition: FormDefinition | null;
  dokumente: Array<{ id: string; titel: string }>;
}) {
  const { principal, antrag } = props;
  return (
    <Layout
      title={`Antrag ${antrag.nummer}`}
      principal={principal}
      tenantName={props.tenantName}
      active="onlinedienste"
    >
      <p class="kern-body kern-body--small">
        <a class="kern-link" href="/onlinedienste">
          Onlinedienste
        </a>{' '}
        ·{' '}
        <a class="kern-link" href={`/vorgaenge/${antrag.vorgangId}`}>
          Vorgang in der E-Akte
        </a>
      </p>
      <h1 class="kern-heading-large">
        Antrag {antrag.nummer}: {antrag.leistung.name}
      </h1>
      <Flash flash={props.flash} />
      <Facts
        rows={[
          ['Status', antrag.statusText],
          ['Eingang', when(antrag.eingang)],
          ['Gemeinde', `${antrag.gemeinde.name} (${antrag.gemeinde.ags})`],
          ['Formular', antrag.formular ? `${antrag.formular.id}, Version ${antrag.formular.version}` : '–'],
        ]}
      />
      <section class="vb-section">
        <h2 class="kern-heading-medium">Angaben</h2>
        <DataList nodes={props.definition?.children ?? []} daten={antrag.daten} />
      </section>
      <section class="vb-section">
        <h2 class="kern-heading-medium">Anlagen</h2>
        <ul class="kern-list">
          {antrag.anlagen.map((a) => (
            <li>
              <a class="kern-link" href={`/dokumente/${a.dokumentId}`}>
                {a.dateiname}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section class="vb-section" aria-labelledby="bearbeiten">
        <h2 class="kern-heading-medium" id="bearbeiten">
          Bearbeiten
        </h2>
        <form method="post" action={`/onlinedienste/antraege/${antrag.id}/status`}>
          <CsrfField principal={principal} />
          <div class="kern-stack">
            <SelectField
              id="status"
              label="Neuer Status"
              options={STAFF_STATUS_CHOICES.map((s) => ({ value: s, label: ANTRAG_STATUS[s]! }))}
            />
            <div class="kern-form-input">
              <label class="kern-label" for="nachricht">
                Nachricht an die antragstellende Person
              </label>
              <div class="kern-hint" id="nachricht-hint">
                Bei einer Nachforderung Pflicht: welche Unterlagen fehlen.
              </div>
              <textarea
                class="kern-form-input__input"
                id="nachricht"
                name="nachricht"
                rows={3}
                aria-describedby="nachricht-hint"
              ></textarea>
            </div>
            <SelectField
              id="bescheidDokumentId"
              label="Bescheid freigeben (Dokument des Vorgangs)"
              options={[
                { value: '', label: 'kein Bescheid' },
                ...props.dokumente.map((d) => ({ value: d.id, label: d.titel })),
              ]}
            />
            <div>
              <SubmitButton label="Status setzen" />
            </div>
          </div>
        </form>
      </section>
      <section class="vb-section">
        <h2 class="kern-heading-medium">Verlauf für die antragstellende Person</h2>
        <ol class="kern-list">
          {antrag.nachrichten.map((n) => (
            <li>
              {when(n.zeit)}: {n.text}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
