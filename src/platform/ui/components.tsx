import type { Child } from 'hono/jsx';

export function Alert({
  kind,
  title,
  children,
}: {
  kind: 'danger' | 'info' | 'success' | 'warning';
  title: string;
  children?: Child;
}) {
  return (
    <div class={`kern-alert kern-alert--${kind}`} role={kind === 'danger' ? 'alert' : 'status'}>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${kind === 'danger' ? 'danger' : kind}`} aria-hidden="true"></span>
        <span class="kern-title">{title}</span>
      </div>
      {children ? <div class="kern-alert__body">{children}</div> : null}
    </div>
  );
}

type FieldProps = {
  id: string;
  label: string;
  name?: string;
  type?: string;
  value?: string;
  error?: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
};

export function TextField({
  id,
  label,
  name,
  type = 'text',
  value,
  error,
  hint,
  autocomplete,
  required,
}: FieldProps) {
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {label}
      </label>
      {hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <FieldError id={id} message={error} /> : null}
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={name ?? id}
        type={type}
        value={value}
        autocomplete={autocomplete}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function SelectField({
  id,
  label,
  options,
  value,
  error,
}: {
  id: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  value?: string;
  error?: string;
}) {
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {label}
      </label>
      {error ? <FieldError id={id} message={error} /> : null}
      <div class="kern-form-input__select-wrapper">
        <select
          class={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          id={id}
          name={id}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          {options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p class="kern-error" id={`${id}-error`}>
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
      <span class="kern-body">{message}</span>
    </p>
  );
}

/** The error summary at the top of a form; each entry links to its field. */
export function ErrorSummary({
  errors,
  title = 'Bitte prüfen Sie Ihre Angaben',
}: {
  errors: Array<{ field: string; message: string; href?: string }>;
  title?: string;
}) {
  if (errors.length === 0) return null;
  return (
    <div class="kern-alert kern-alert--danger" role="alert" tabindex={-1} id="fehler">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
        <h2 class="kern-title">{title}</h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {errors.map((e) => (
            <li>
              <a class="kern-link" href={e.href ?? `#${e.field}`}>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
