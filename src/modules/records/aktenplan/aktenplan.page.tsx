import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { csrfQuery } from '../../../platform/ui/csrf-field.tsx';
import { FileInput, Section } from '../records.components.tsx';
import { type AktenplanUnit, aussonderungLabels } from './aktenplan.models.ts';

/** The Aktenplan as a tree of links that filter the Akten by unit. */
export function UnitTree({
  units,
  parentId,
  current,
}: {
  units: AktenplanUnit[];
  parentId: string | null;
  current?: string;
}) {
  const children = units.filter((u) => u.parentId === parentId);
  if (children.length === 0) return null;
  return (
    <ul class={parentId ? 'vb-tree__children' : 'vb-tree'}>
      {children.map((u) => (
        <li>
          <a
            class="kern-link"
            href={`/akten?aktenplan=${encodeURIComponent(u.kennzeichen)}`}
            aria-current={u.kennzeichen === current ? 'true' : undefined}
          >
            <span class="vb-kennzeichen">{u.kennzeichen}</span> {u.titel}
          </a>
          <span class="kern-body kern-body--small vb-muted">
            {' '}
            · {u.aufbewahrungJahre === null ? 'dauernd' : `${u.aufbewahrungJahre} J.`} ·{' '}
            {aussonderungLabels[u.aussonderung]}
            {u.vertraulichkeit !== 'offen' ? ` · ${u.vertraulichkeit}` : ''}
          </span>
          <UnitTree units={units} parentId={u.id} current={current} />
        </li>
      ))}
    </ul>
  );
}

/** The Kreis-Administration's form to take over an Aktenplan from CSV (all or nothing). */
export const AktenplanImportSection = ({ principal }: { principal: Principal }) => (
  <Section id="aktenplan-import" title="Aktenplan aus CSV übernehmen">
    <p class="kern-body">
      Spalten: kennzeichen;titel;aufbewahrung_jahre;aussonderung;vertraulichkeit. Alles oder nichts: bei
      Fehlern wird nichts übernommen.
    </p>
    <form
      method="post"
      action={`/akten/aktenplan-import?${csrfQuery({ principal })}`}
      enctype="multipart/form-data"
    >
      <FileInput id="aktenplan-datei" label="CSV-Datei" accept=".csv,text/csv" />
      <SubmitButton label="Aktenplan übernehmen" kind="secondary" />
    </form>
  </Section>
);
