import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { SelectField, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { type OrgUnitOption, OrgUnitSelect, Section } from '../records.components.tsx';
import { VORGANG_STATUS, type Vorgang, vorgangStatusLabels } from './vorgaenge.models.ts';

/** Status, Frist, Wiedervorlage and Zuständigkeit of a Vorgang. */
export const VorgangEditSection = (props: {
  principal: Principal;
  vorgang: Vorgang;
  orgUnits: OrgUnitOption[];
}) => {
  const { principal, vorgang } = props;
  return (
    <Section id="bearbeiten" title="Vorgang bearbeiten">
      <form method="post" action={`/vorgaenge/${vorgang.id}`}>
        <CsrfField principal={principal} />
        <SelectField
          id="status"
          label="Status"
          value={vorgang.status}
          options={VORGANG_STATUS.map((s) => ({ value: s, label: vorgangStatusLabels[s] }))}
        />
        <TextField id="frist" label="Frist" type="date" value={vorgang.frist ?? ''} />
        <TextField id="wiedervorlage" label="Wiedervorlage" type="date" value={vorgang.wiedervorlage ?? ''} />
        <OrgUnitSelect
          id="zustaendigOe"
          label="Zuständige Organisationseinheit"
          orgUnits={props.orgUnits}
          value={vorgang.zustaendigOeId ?? ''}
        />
        <div class="kern-form-check">
          <input
            class="kern-form-check__checkbox"
            type="checkbox"
            id="mir"
            name="mir"
            value="1"
            checked={vorgang.zustaendigUserId === principal.userId}
          />
          <label class="kern-label" for="mir">
            Mir zuweisen
          </label>
        </div>
        <SubmitButton label="Speichern" kind="secondary" />
      </form>
    </Section>
  );
};
