import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { SelectField, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Section } from '../records.components.tsx';
import { VERTRAULICHKEIT, vertraulichkeitLabels } from '../records.models.ts';
import { artOptions } from './dokument-upload.page.tsx';
import type { Dokument } from './dokumente.models.ts';

/** Title, kind, date, sender, recipient and Vertraulichkeit of a document. */
export const DokumentEditSection = ({
  principal,
  dokument: d,
}: {
  principal: Principal;
  dokument: Dokument;
}) => (
  <Section id="metadaten" title="Angaben ändern">
    <form method="post" action={`/dokumente/${d.id}`}>
      <CsrfField principal={principal} />
      <TextField id="titel" label="Titel" value={d.titel} required />
      <SelectField id="art" label="Art" value={d.art} options={artOptions} />
      <TextField id="datum" label="Datum" type="date" value={d.datum} />
      <TextField id="absender" label="Absender" value={d.absender ?? ''} />
      <TextField id="empfaenger" label="Empfänger" value={d.empfaenger ?? ''} />
      <SelectField
        id="vertraulichkeit"
        label="Vertraulichkeit"
        value={d.vertraulichkeit}
        options={VERTRAULICHKEIT.map((v) => ({ value: v, label: vertraulichkeitLabels[v] }))}
      />
      <SubmitButton label="Angaben speichern" kind="secondary" />
    </form>
  </Section>
);
