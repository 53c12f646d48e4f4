import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { ErrorSummary, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { dateTimeDe } from '../../../platform/ui/format.ts';
import type { PageFrame } from '../../../platform/ui/page-frame.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { ImportUsecases } from '../import/import.usecases.ts';
import { DokumentLink, OutcomeBadge, PosteingangLayout } from './posteingang-ui.kit.tsx';

type Lauf = Awaited<ReturnType<ImportUsecases['get']>>;
type LaufKurz = Awaited<ReturnType<ImportUsecases['list']>>[number];
export type ImportFormValues = { verzeichnis: string; aktenplan: string };
export type ImportFormErrors = Partial<Record<keyof ImportFormValues, string>>;

const STATUS_DE = { laeuft: 'läuft', fertig: 'fertig', abgebrochen: 'abgebrochen' } as const;

const StatusBadge = ({ status }: { status: keyof typeof STATUS_DE }) => (
  <span class={`kern-badge kern-badge--small kern-badge--${status === 'fertig' ? 'success' : 'info'}`}>
    {STATUS_DE[status]}
  </span>
);

/** The county's imports and the form that starts one (a background job, like POST /api/v1/importe). */
export function ImporteListePage({
  frame,
  laeufe,
  verzeichnisse,
  values,
  errors,
}: {
  frame: PageFrame;
  laeufe: LaufKurz[];
  verzeichnisse: string[];
  values: ImportFormValues;
  errors: ImportFormErrors;
}) {
  const summary = Object.entries(errors).map(([field, message]) => ({ field, message: message! }));
  return (
    <PosteingangLayout frame={frame} tab="importe" title="Massenimport">
      <section aria-labelledby="starten" class="vb-section">
        <h2 class="kern-heading-medium" id="starten">
          Import starten
        </h2>
        <p class="kern-body">
          Importiert einen Ordner aus dem Importverzeichnis des Landkreises als Hintergrundauftrag in eine
          neue Akte „Import &lt;Ordner&gt; (&lt;Datum&gt;)“, je Unterordner ein Vorgang. Ein unterbrochener
          Import desselben Ordners wird fortgesetzt, nicht verdoppelt; bekannte Dateien werden als „wieder
          gesehen“ gezählt.
        </p>
        <ErrorSummary errors={summary} />
        <form method="post" action="/posteingang/importe" novalidate>
          <CsrfField principal={frame.principal} />
          <TextField
            id="verzeichnis"
            label="Ordner"
            value={values.verzeichnis}
            error={errors.verzeichnis}
            hint={
              verzeichnisse.length
                ? `Relativ zum Importverzeichnis des Landkreises. Vorhanden: ${verzeichnisse.join(', ')}`
                : 'Relativ zum Importverzeichnis des Landkreises; dort liegt noch kein Ordner.'
            }
            required
          />
          <TextField
            id="aktenplan"
            label="Aktenplaneinheit (Kennzeichen, optional)"
            value={values.aktenplan}
            error={errors.aktenplan}
          />
          <SubmitButton label="Import starten" />
        </form>
      </section>
      <h2 class="kern-heading-medium" id="laeufe">
        Die letzten Importe
      </h2>
      {laeufe.length === 0 ? (
        <p class="kern-body">Noch kein Import.</p>
      ) : (
        <Table labelledBy="laeufe" head={['Gestartet', 'Akte', 'Dateien', 'Stand', 'Beendet']}>
          {laeufe.map((l) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`/posteingang/importe/${l.id}`}>
                  {dateTimeDe(l.createdAt)}
                </a>
              </Td>
              <Td>{l.aktenzeichen}</Td>
              <Td>{l.gesamt ?? '–'}</Td>
              <Td>
                <StatusBadge status={l.status} />
              </Td>
              <Td>{l.beendetAt ? dateTimeDe(l.beendetAt) : '–'}</Td>
            </Tr>
          ))}
        </Table>
      )}
    </PosteingangLayout>
  );
}

/** One import with its progress (polled by htmx while it runs; without JavaScript: the reload link). */
export function ImportPage({ frame, lauf }: { frame: PageFrame; lauf: Lauf }) {
  return (
    <PosteingangLayout frame={frame} tab="importe" title={`Import ${lauf.aktenzeichen}`}>
      <p class="kern-body">
        Gestartet {dateTimeDe(lauf.createdAt)} ·{' '}
        <a class="kern-link" href={`/akten/${lauf.akteId}`}>
          Akte {lauf.aktenzeichen}
        </a>
      </p>
      <ImportFortschritt lauf={lauf} />
    </PosteingangLayout>
  );
}

/** Progress, figures and the lists of failures and files seen again: the part that refreshes. */
export function ImportFortschritt({ lauf }: { lauf: Lauf }) {
  const gesamt = lauf.gesamt ?? 0;
  const anteil = gesamt > 0 ? Math.min(100, Math.round((lauf.verarbeitet / gesamt) * 100)) : 0;
  const laeuft = lauf.status === 'laeuft';
  const polling = laeuft
    ? {
        'hx-get': `/posteingang/importe/${lauf.id}/fortschritt`,
        'hx-trigger': 'every 2s',
        'hx-swap': 'outerHTML',
      }
    : {};
  return (
    <section id="fortschritt" aria-labelledby="stand" class="vb-section" {...polling}>
      <h2 class="kern-heading-medium" id="stand">
        Stand: <StatusBadge status={lauf.status} />
      </h2>
      <label class="kern-label" for="fortschritt-balken">
        {lauf.verarbeitet} von {lauf.gesamt ?? '?'} Dateien verarbeitet ({anteil} %)
      </label>
      <progress
        id="fortschritt-balken"
        class="vb-import-progress"
        max={Math.max(gesamt, 1)}
        value={lauf.verarbeitet}
      >
        {anteil} %
      </progress>
      <p class="kern-body" role="status">
        Importiert: {lauf.importiert} · wieder gesehen (Duplikate): {lauf.duplikate} · fehlgeschlagen:{' '}
        {lauf.fehler}
        {lauf.beendetAt ? ` · beendet ${dateTimeDe(lauf.beendetAt)}` : ''}
      </p>
      {laeuft ? (
        <p class="kern-body">
          <a class="kern-link" href={`/posteingang/importe/${lauf.id}`}>
            Stand aktualisieren
          </a>{' '}
          (mit JavaScript aktualisiert sich der Stand alle 2 Sekunden selbst)
        </p>
      ) : null}
      <OutcomeTable
        id="fehlerliste"
        title="Fehlgeschlagen, mit Grund"
        status="fehler"
        rows={lauf.fehlerliste}
      />
      <OutcomeTable id="duplikatliste" title="Wieder gesehen" status="duplikat" rows={lauf.duplikatliste} />
    </section>
  );
}

function OutcomeTable({
  id,
  title,
  status,
  rows,
}: {
  id: string;
  title: string;
  status: 'fehler' | 'duplikat';
  rows: Lauf['fehlerliste'];
}) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3 class="kern-heading-small" id={id}>
        {title} ({rows.length === 100 ? 'die ersten 100' : rows.length})
      </h3>
      <Table labelledBy={id} head={['Datei', 'Ergebnis', 'Grund', 'Dokument']}>
        {rows.map((r) => (
          <Tr>
            <Td>{r.pfad}</Td>
            <Td>
              <OutcomeBadge
                status={status === 'fehler' && r.grund?.startsWith('Schadsoftware') ? 'virenfund' : status}
              />
            </Td>
            <Td>{r.grund ?? (status === 'duplikat' ? 'dieselben Bytes sind schon abgelegt' : '–')}</Td>
            <Td>
              <DokumentLink id={r.dokumentId} />
            </Td>
          </Tr>
        ))}
      </Table>
    </>
  );
}
