import { dateTimeDe } from '../../../platform/ui/format.ts';
import type { PageFrame } from '../../../platform/ui/page-frame.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import {
  DokumentLink,
  MorePager,
  OutcomeBadge,
  outcomeOf,
  PosteingangLayout,
} from './posteingang-ui.kit.tsx';
import { type EingangRow, KANAELE, type Kanal } from './uebersicht.repository.ts';

export const KANAL_DE: Record<Kanal, string> = {
  import: 'Massenimport',
  ordner: 'Eingangsordner',
  mail: 'E-Mail',
  upload: 'Upload',
};

/** An entry as shown: what came in (file, message, title) and where it belongs. */
export type EingangView = EingangRow & { titel: string | null };

const bezugHref = (row: EingangRow) =>
  !row.bezug
    ? null
    : row.kanal === 'import'
      ? `/posteingang/importe/${row.bezug}`
      : row.kanal === 'ordner'
        ? `/posteingang/ordner/${row.bezug}`
        : row.kanal === 'mail'
          ? `/posteingang/mail/${row.bezug}`
          : null;

/** The Posteingang: the newest intake of every channel with its outcome, filterable by channel. */
export function UebersichtPage({
  frame,
  items,
  kanal,
  offset,
  limit,
  more,
}: {
  frame: PageFrame;
  items: EingangView[];
  kanal?: Kanal;
  offset: number;
  limit: number;
  more: boolean;
}) {
  return (
    <PosteingangLayout frame={frame} tab="uebersicht" title="Posteingang">
      <p class="kern-body">
        Was zuletzt in den Landkreis hereinkam – aus Massenimporten, Eingangsordnern, E-Mail-Eingängen und
        Uploads – mit dem Ergebnis: abgelegt, wieder gesehen (dieselben Bytes waren schon da), fehlgeschlagen
        mit Grund oder Virenfund.
      </p>
      <form method="get" action="/posteingang" class="vb-filter">
        <div class="kern-form-input">
          <label class="kern-label" for="kanal">
            Kanal
          </label>
          <div class="kern-form-input__select-wrapper">
            <select class="kern-form-input__select" id="kanal" name="kanal">
              <option value="">alle Kanäle</option>
              {KANAELE.map((k) => (
                <option value={k} selected={k === kanal}>
                  {KANAL_DE[k]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="kern-btn kern-btn--secondary kern-btn--small">
          <span class="kern-label">Anzeigen</span>
        </button>
      </form>
      {items.length === 0 ? (
        <p class="kern-body" id="leer">
          {offset > 0
            ? 'Keine älteren Einträge.'
            : kanal
              ? `Über den Kanal „${KANAL_DE[kanal]}“ ist noch nichts eingegangen.`
              : 'Noch nichts eingegangen. Richten Sie einen Eingangsordner oder einen E-Mail-Eingang ein oder starten Sie einen Massenimport.'}
        </p>
      ) : (
        <Table
          caption="Eingänge, neueste zuerst"
          head={['Zeitpunkt', 'Kanal', 'Eingang', 'Ergebnis', 'Dokument']}
        >
          {items.map((row) => (
            <EingangTr row={row} />
          ))}
        </Table>
      )}
      <MorePager
        base={kanal ? `/posteingang?kanal=${kanal}` : '/posteingang'}
        offset={offset}
        limit={limit}
        shown={items.length}
        more={more}
      />
    </PosteingangLayout>
  );
}

function EingangTr({ row }: { row: EingangView }) {
  const href = bezugHref(row);
  const outcome = outcomeOf(row.status, row.grund);
  const name = row.titel ?? (row.name || (row.kanal === 'mail' ? '(ohne Message-ID)' : '–'));
  return (
    <Tr>
      <Td>{dateTimeDe(row.zeit)}</Td>
      <Td>
        {href ? (
          <a class="kern-link" href={href}>
            {KANAL_DE[row.kanal]}
          </a>
        ) : (
          KANAL_DE[row.kanal]
        )}
      </Td>
      <Td>{name}</Td>
      <Td>
        <OutcomeBadge status={outcome} />
        {row.grund ? (
          <span class="kern-body kern-body--small">
            {' '}
            {outcome === 'virenfund' && !row.grund.startsWith('Schadsoftware')
              ? `Signatur: ${row.grund}`
              : row.grund}
          </span>
        ) : null}
      </Td>
      <Td>
        <DokumentLink id={row.dokumentId} />
      </Td>
    </Tr>
  );
}
