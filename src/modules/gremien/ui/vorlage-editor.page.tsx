import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import type { Gremium } from '../gremien/gremien.usecases.ts';
import { Checkbox, summaryOf, TextArea } from './gremien-ui.kit.tsx';
import { optionsOf, vorlageArtLabels, zustaendigkeitLabels } from './gremien-ui.labels.ts';
import type { FieldErrors, VorlageFormValues } from './vorlage-form.ts';

export type OrgUnitOption = { id: string; kuerzel: string; name: string };

/** Rows of the Beratungsfolge: the given ones and two empty ones (without JavaScript: save to get more). */
const rowsOf = (values: VorlageFormValues) => [
  ...values.folge,
  ...Array.from({ length: 2 }, () => ({ gremiumId: '', datum: '', zustaendigkeit: 'entscheidung' })),
];

/** The editor of a Vorlage (new or existing): every field, German errors at the fields. */
export function VorlageForm(props: {
  principal: Principal;
  action: string;
  submitLabel: string;
  values: VorlageFormValues;
  errors: FieldErrors;
  gremien: Gremium[];
  orgUnits: OrgUnitOption[];
}) {
  const { values, errors } = props;
  const rows = rowsOf(values);
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField principal={props.principal} />
      <ErrorSummary errors={summaryOf(errors)} />
      <div class="kern-stack">
        <TextField id="betreff" label="Betreff" value={values.betreff} error={errors.betreff} required />
        <SelectField
          id="art"
          label="Art"
          value={values.art}
          error={errors.art}
          options={optionsOf(vorlageArtLabels)}
        />
        <TextField
          id="einreicher"
          label="Einreicher"
          value={values.einreicher}
          error={errors.einreicher}
          hint="z. B. Verwaltung, Landrat, eine Fraktion"
        />
        <SelectField
          id="federfuehrendeOeId"
          label="Federführende Organisationseinheit"
          value={values.federfuehrendeOeId}
          error={errors.federfuehrendeOeId}
          options={[
            { value: '', label: '– keine –' },
            ...props.orgUnits.map((o) => ({ value: o.id, label: `${o.kuerzel} – ${o.name}` })),
          ]}
        />
        <TextField
          id="einreichung"
          label="Einreichung"
          type="date"
          value={values.einreichung}
          error={errors.einreichung}
        />
        <TextArea
          id="beschlussvorschlag"
          label="Beschlussvorschlag"
          hint="Der Text nach „Der Kreistag möge beschließen:“"
          value={values.beschlussvorschlag}
          error={errors.beschlussvorschlag}
          rows={5}
        />
        <TextArea
          id="begruendung"
          label="Begründung"
          value={values.begruendung}
          error={errors.begruendung}
          rows={8}
        />
        <TextField
          id="unterzeichner"
          label="Unterzeichner"
          value={values.unterzeichner}
          error={errors.unterzeichner}
        />
        <Checkbox
          id="oeffentlich"
          label="Öffentlich (sonst nur im nichtöffentlichen Teil einer Sitzung)"
          checked={values.oeffentlich}
        />
        <fieldset class="kern-fieldset">
          <legend class="kern-label">Beratungsfolge</legend>
          <p class="kern-hint">
            Gremien in der Reihenfolge der Beratung. Leere Zeilen bleiben unberücksichtigt; für mehr Zeilen
            speichern Sie einmal.
          </p>
          <input type="hidden" name="folge-anzahl" value={String(rows.length)} />
          <div class="kern-fieldset__body">
            {rows.map((row, i) => (
              <div class="vb-filter" data-folge-zeile={String(i)}>
                <SelectField
                  id={`folge-${i}-gremium`}
                  label={`${i + 1}. Gremium`}
                  value={row.gremiumId}
                  error={errors[`folge-${i}-gremium`]}
                  options={[
                    { value: '', label: '– keins –' },
                    ...props.gremien.map((g) => ({ value: g.id, label: `${g.name} (${g.kuerzel})` })),
                  ]}
                />
                <TextField
                  id={`folge-${i}-datum`}
                  label={`${i + 1}. Datum der Beratung`}
                  type="date"
                  value={row.datum}
                  error={errors[`folge-${i}-datum`]}
                />
                <SelectField
                  id={`folge-${i}-zustaendigkeit`}
                  label={`${i + 1}. Zuständigkeit`}
                  value={row.zustaendigkeit}
                  error={errors[`folge-${i}-zustaendigkeit`]}
                  options={optionsOf(zustaendigkeitLabels)}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <div>
          <SubmitButton label={props.submitLabel} />
        </div>
      </div>
    </form>
  );
}
