import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { SelectField, TextField } from '../../../platform/ui/components.tsx';
import { csrfQuery } from '../../../platform/ui/csrf-field.tsx';
import { DropzoneForm, FileInput, Section, UploadProgress } from '../records.components.tsx';
import { DOKUMENT_ARTEN, dokumentArtLabels } from '../records.models.ts';

export const artOptions = DOKUMENT_ARTEN.map((a) => ({ value: a, label: dokumentArtLabels[a] }));

/** Uploading a document into a Vorgang (drag and drop with JavaScript, a plain form without). */
export const DokumentUploadSection = (props: {
  principal: Principal;
  vorgangId: string;
  uploadLimitMb: number;
}) => (
  <Section id="hochladen" title="Dokument hochladen">
    <DropzoneForm action={`/vorgaenge/${props.vorgangId}/dokumente?${csrfQuery(props)}`}>
      <p class="kern-body vb-dropzone__hint" aria-hidden="true">
        Datei hierher ziehen – oder auswählen:
      </p>
      <FileInput id="datei" label={`Datei (höchstens ${props.uploadLimitMb} MiB)`} />
      <TextField id="titel" label="Titel (optional, sonst Dateiname)" />
      <SelectField id="art" label="Art" value="eingang" options={artOptions} />
      <UploadProgress />
      <SubmitButton label="Hochladen" />
    </DropzoneForm>
  </Section>
);

/** A new version of a document (the earlier ones stay). */
export const VersionUploadSection = (props: { principal: Principal; dokumentId: string }) => (
  <Section id="neue-version" title="Neue Version hochladen">
    <DropzoneForm action={`/dokumente/${props.dokumentId}/versionen?${csrfQuery(props)}`}>
      <FileInput id="datei" label="Datei" />
      <TextField id="kommentar" label="Kommentar (optional)" />
      <UploadProgress />
      <SubmitButton label="Version hochladen" kind="secondary" />
    </DropzoneForm>
  </Section>
);
