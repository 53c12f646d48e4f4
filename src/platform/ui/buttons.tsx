/** A KERN submit button; `name`/`value` tell several buttons of one form apart. */
export function SubmitButton({
  label,
  kind = 'primary',
  size,
  name,
  value,
}: {
  label: string;
  kind?: 'primary' | 'secondary' | 'tertiary';
  size?: 'small' | 'x-small';
  name?: string;
  value?: string;
}) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      class={`kern-btn kern-btn--${kind}${size ? ` kern-btn--${size}` : ''}`}
    >
      <span class="kern-label">{label}</span>
    </button>
  );
}
