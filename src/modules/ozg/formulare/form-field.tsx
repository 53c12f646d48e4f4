import type { FormField } from './form.models.ts';
import type { FileValue } from './form-data.models.ts';
import type { FieldError } from './form-validation.models.ts';

/** The id of an input for a data path (also the anchor an error summary links to). */
export const idOf = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** What the form renderer knows besides the values: the errors and the files already uploaded. */
export type RenderContext = { errors: FieldError[]; files: Map<string, FileValue> };

export function errorFor(ctx: RenderContext, path: string) {
  return ctx.errors.find((e) => e.path === path)?.message;
}

/** One FIM field as a KERN input (radio group, select, file, textarea or text), with hint and error. */
export function FieldInput({
  field,
  path,
  value,
  ctx,
}: {
  field: FormField;
  path: string;
  value: unknown;
  ctx: RenderContext;
}) {
  const id = idOf(path);
  const error = errorFor(ctx, path);
  const optional = field.min === 0 ? ' (optional)' : '';
  const describedBy =
    [field.help ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const helpText = [field.help, field.type === 'date' ? 'Format: TT.MM.JJJJ, z. B. 24.06.2020' : '']
    .filter(Boolean)
    .join(' ');
  const hint = helpText ? (
    <div class="kern-hint" id={`${id}-hint`}>
      {helpText}
    </div>
  ) : null;
  const errorLine = error ? (
    <p class="kern-error" id={`${id}-error`}>
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
      <span class="kern-body">{error}</span>
    </p>
  ) : null;
  const name = `d.${path}`;
  const raw = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const text =
    field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw.split('-').reverse().join('.') : raw;
  if (field.type === 'label') return <p class="kern-body">{field.content || field.label}</p>;
  if (field.type === 'hidden') return null;
  if ((field.type === 'select' && (field.options?.length ?? 0) <= 5) || field.type === 'bool') {
    const options =
      field.type === 'bool'
        ? [
            { code: 'true', label: 'Ja' },
            { code: 'false', label: 'Nein' },
          ]
        : (field.options ?? []);
    return (
      <fieldset
        class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}
        id={id}
        aria-describedby={describedBy}
      >
        <legend class="kern-label">
          {field.label}
          {optional}
        </legend>
        {hint}
        {errorLine}
        <div class="kern-fieldset__body">
          {options.map((o, i) => (
            <div class="kern-form-check">
              <input
                class={`kern-form-check__radio${error ? ' kern-form-check__radio--error' : ''}`}
                type="radio"
                id={i === 0 ? `${id}-opt` : `${id}-${i}`}
                name={name}
                value={o.code}
                checked={text === o.code || (field.type === 'bool' && String(value) === o.code)}
              />
              <label class="kern-label" for={i === 0 ? `${id}-opt` : `${id}-${i}`}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  }
  const label = (
    <label class="kern-label" for={id}>
      {field.label}
      {optional}
    </label>
  );
  if (field.type === 'select')
    return (
      <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
        {label}
        {hint}
        {errorLine}
        <div class="kern-form-input__select-wrapper">
          <select
            class="kern-form-input__select"
            id={id}
            name={name}
            aria-describedby={describedBy}
            aria-invalid={error ? 'true' : undefined}
          >
            <option value="">Bitte wählen</option>
            {(field.options ?? []).map((o) => (
              <option value={o.code} selected={o.code === text}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
    );
  if (field.type === 'file') {
    const existing = ctx.files.get(path);
    return (
      <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
        {label}
        {hint}
        {errorLine}
        {existing ? (
          <p class="kern-body kern-body--small" id={`${id}-vorhanden`}>
            Hochgeladen: {existing.dateiname}. Wählen Sie eine neue Datei nur, wenn Sie sie ersetzen möchten.
          </p>
        ) : null}
        <input
          class="kern-form-input__input"
          id={id}
          name={name}
          type="file"
          aria-describedby={
            [describedBy, existing ? `${id}-vorhanden` : ''].filter(Boolean).join(' ') || undefined
          }
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
    );
  }
  // Dates as text in German notation (TT.MM.JJJJ): typed like on paper, read well by screen readers.
  const type = field.type === 'time' ? 'time' : 'text';
  const inputmode = ['number', 'integer', 'currency'].includes(field.type) ? 'decimal' : undefined;
  const autocomplete = /e-?mail/i.test(field.name) ? 'email' : undefined;
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      {label}
      {hint}
      {errorLine}
      {field.type === 'textarea' ? (
        <textarea
          class="kern-form-input__input"
          id={id}
          name={name}
          rows={5}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        >
          {text}
        </textarea>
      ) : (
        <input
          class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
          id={id}
          name={name}
          type={type}
          value={text}
          inputmode={inputmode}
          autocomplete={autocomplete}
          maxlength={field.constraints.maxLength}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        />
      )}
    </div>
  );
}
