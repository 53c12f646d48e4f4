import type { Child } from 'hono/jsx';
import { SelectField } from '../../platform/ui/components.tsx';
import type { PageFrame } from '../../platform/ui/page-frame.ts';
import { vorgangStatusLabels } from './vorgaenge/vorgaenge.models.ts';

/** What every staff page of the E-Akte shows: who is signed in, the county, a flash. */
export type PageBase = PageFrame;

export type OrgUnitOption = { id: string; kuerzel: string; name: string };

/** The status of an Akte (offen, z.d.A.) or a Vorgang as a badge. */
export const StatusBadge = ({ status }: { status: string }) => (
  <span
    class={`kern-badge kern-badge--small ${status === 'zda' ? 'kern-badge--warning' : 'kern-badge--info'}`}
  >
    {status === 'zda'
      ? 'z.d.A.'
      : status === 'offen'
        ? 'offen'
        : ((vorgangStatusLabels as Record<string, string>)[status] ?? status)}
  </span>
);

/** How far text recognition of a document (version) got. */
export const TextStatus = ({ d }: { d: { textStatus: string; textFehler: string | null } }) =>
  d.textStatus === 'done' ? (
    <span>Text erkannt</span>
  ) : d.textStatus === 'pending' ? (
    <span>Text wird erkannt …</span>
  ) : (
    <span>Kein Text: {d.textFehler ?? 'unbekannter Fehler'}</span>
  );

/** A choice of the county's organisational units, "– keine –" first. */
export const OrgUnitSelect = (props: {
  id: string;
  label: string;
  orgUnits: OrgUnitOption[];
  value?: string;
}) => (
  <SelectField
    id={props.id}
    label={props.label}
    value={props.value}
    options={[
      { value: '', label: '– keine –' },
      ...props.orgUnits.map((o) => ({ value: o.id, label: `${o.kuerzel} – ${o.name}` })),
    ]}
  />
);

/** A titled section of a page (usually one form). */
export const Section = ({ id, title, children }: { id: string; title: string; children?: Child }) => (
  <section aria-labelledby={id} class="vb-section">
    <h2 class="kern-heading-medium" id={id}>
      {title}
    </h2>
    {children}
  </section>
);

/** A file chooser in KERN style. */
export const FileInput = (props: { id: string; label: Child; accept?: string }) => (
  <div class="kern-form-input">
    <label class="kern-label" for={props.id}>
      {props.label}
    </label>
    <input
      class="kern-form-input__input"
      type="file"
      id={props.id}
      name="datei"
      accept={props.accept}
      required
    />
  </div>
);

/**
 * A multipart upload form with drag and drop and a progress bar (upload.js); without JavaScript a
 * plain form POST.
 */
export const DropzoneForm = ({ action, children }: { action: string; children?: Child }) => (
  <>
    <form method="post" action={action} enctype="multipart/form-data" class="vb-dropzone" data-dropzone="">
      {children}
    </form>
    <script src="/assets/app/upload.js" defer></script>
  </>
);

/** The progress bar upload.js fills while a file is sent. */
export const UploadProgress = () => (
  <progress class="vb-progress" max="100" value="0" hidden aria-label="Fortschritt des Hochladens"></progress>
);
