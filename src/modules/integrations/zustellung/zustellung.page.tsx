import type { Child } from 'hono/jsx';
import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { TableHeadRow, Td, Tr } from '../../../platform/ui/table.tsx';
import { STATUS_LABELS, TRIGGER_LABELS } from '../integrations.models.ts';
import type { MonitorFigures, MonitorVerbundZeile, MonitorZeile, Zustellung } from './zustellung.models.ts';

const when = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleString('de-DE', {
        timeZone: 'Europe/Berlin',
        dateStyle: 'short',
        timeStyle: 'medium',
      })
    : '–';
const ms = (n: number | null) => (n === null ? '–' : n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);

/** The counts every monitor row shows, after the columns naming the row. */
const FIGURE_HEADERS = ['zugestellt', 'wartend', 'fehlerhaft', 'tot', 'Latenz p50 / p95'];
const figureCells = (m: MonitorFigures): Child[] => [
  m.zugestellt,
  m.wartend,
  m.fehlerhaft,
  m.tot,
  `${ms(m.latenzP50Ms)} / ${ms(m.latenzP95Ms)}`,
];

/** A table of monitor figures: one row per connector (and county). */
function FiguresTable(props: { caption: string; head: string[]; rows: Child[][] }) {
  return (
    <table class="kern-table">
      <caption class="vb-caption">{props.caption}</caption>
      <thead class="kern-table__head">
        <TableHeadRow head={props.head} />
      </thead>
      <tbody class="kern-table__body">
        {props.rows.map((cells) => (
          <Tr>
            {cells.map((cell) => (
              <Td>{cell}</Td>
            ))}
          </Tr>
        ))}
      </tbody>
    </table>
  );
}

/** The integration monitor of this county. */
export function MonitorSection({ monitor }: { monitor: MonitorZeile[] }) {
  return (
    <section class="vb-section" aria-labelledby="monitor">
      <h2 class="kern-heading-medium" id="monitor">
        Integrationsmonitor
      </h2>
      <FiguresTable
        caption="Zustellungen je Anbindung in diesem Landkreis"
        head={['Anbindung', 'Hier', ...FIGURE_HEADERS, 'zuletzt']}
        rows={monitor.map((m) => [
          m.name,
          STATUS_LABELS[m.aktivierung] ?? m.aktivierung,
          ...figureCells(m),
          when(m.zuletzt),
        ])}
      />
    </section>
  );
}

/** The Serviceteam's view: figures of every county, nothing else. */
export function MonitorVerbundSection({ monitor }: { monitor: MonitorVerbundZeile[] }) {
  return (
    <section class="vb-section" aria-labelledby="monitor-verbund">
      <h2 class="kern-heading-medium" id="monitor-verbund">
        Alle Landkreise (Serviceteam)
      </h2>
      <FiguresTable
        caption="Zustellungen je Anbindung und Landkreis (nur Zahlen)"
        head={['Anbindung', 'Landkreis', ...FIGURE_HEADERS]}
        rows={monitor.map((m) => [m.connectorId, m.landkreis, ...figureCells(m)])}
      />
    </section>
  );
}

/** Dead letters, each with its payload and a button to send it again. */
export function DeadLettersSection({ tot, principal }: { tot: Zustellung[]; principal: Principal }) {
  return (
    <section class="vb-section" aria-labelledby="tot">
      <h2 class="kern-heading-medium" id="tot">
        Unzustellbare Zustellungen ({tot.length})
      </h2>
      {tot.length === 0 ? (
        <p class="kern-body">Keine – alles zugestellt oder unterwegs.</p>
      ) : (
        <ul class="kern-list">
          {tot.map((d) => (
            <li>
              <p class="kern-body">
                <strong>
                  {d.connectorId} · {TRIGGER_LABELS[d.ereignis] ?? d.ereignis}
                </strong>{' '}
                · {d.versuche} Versuche · zuletzt: {d.letzterFehler}
              </p>
              <details>
                <summary class="kern-body">Nutzlast ansehen (Idempotenzschlüssel {d.idempotencyKey})</summary>
                <pre class="vb-text">{JSON.stringify(d.payload, null, 2)}</pre>
              </details>
              <form method="post" action={`/anbindungen/zustellungen/${d.id}/erneut`}>
                <CsrfField principal={principal} />
                <SubmitButton label="Erneut zustellen" kind="secondary" size="small" />
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
