import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { H1, kreisBase, RatsinfoLayout } from './ratsinfo.layout.tsx';
import { type Kreis, monatDe, SITZUNG_STATUS_DE, tagDe, uhrzeitDe } from './ratsinfo.models.ts';
import type { PublicSitzungRow } from './sitzungen.repository.ts';

/** The member counties (the start of /ratsinfo). */
export function KreisePage({ kreise }: { kreise: Kreis[] }) {
  return (
    <RatsinfoLayout title="Übersicht">
      <H1>Ratsinformation der Landkreise</H1>
      <p class="kern-body">
        Sitzungen, Tagesordnungen, Vorlagen und Gremien der Kreistage im Interkommunalen Serviceteam
        E-Government – ohne Anmeldung. Wählen Sie einen Landkreis:
      </p>
      <ul class="kern-list">
        {kreise.map((k) => (
          <li>
            <a class="kern-link" href={`${kreisBase(k)}/`}>
              {k.name}
            </a>{' '}
            <span class="kern-body kern-body--small vb-muted">(Kreisschlüssel {k.kreisschluessel})</span>
          </li>
        ))}
      </ul>
    </RatsinfoLayout>
  );
}

/** A session's state as a badge; nothing for the usual ones. */
export function StatusBadge({ status }: { status: string }) {
  if (status === 'abgesagt')
    return <span class="kern-badge kern-badge--danger kern-badge--small">abgesagt</span>;
  if (status === 'geplant') return <span class="kern-badge kern-badge--info kern-badge--small">geplant</span>;
  return <span class="kern-body">{SITZUNG_STATUS_DE[status] ?? status}</span>;
}

/** Sessions as a table: date, time, Gremium, session (link), place, state. */
export function SitzungenTable({
  kreis,
  sitzungen,
  caption,
}: {
  kreis: Kreis;
  sitzungen: PublicSitzungRow[];
  caption: string;
}) {
  const base = kreisBase(kreis);
  return (
    <Table caption={caption} head={['Datum', 'Uhrzeit', 'Gremium', 'Sitzung', 'Ort', 'Stand']}>
      {sitzungen.map((s) => (
        <Tr>
          <Td>{tagDe(s.beginn)}</Td>
          <Td>{uhrzeitDe(s.beginn)} Uhr</Td>
          <Td>
            <a class="kern-link" href={`${base}/gremien/${s.gremium_id}`}>
              {s.gremium}
            </a>
          </Td>
          <Td>
            <a class="kern-link" href={`${base}/sitzungen/${s.id}`}>
              {s.nummer}. Sitzung
              <span class="kern-sr-only">
                {' '}
                {s.gremium} am {tagDe(s.beginn)}
              </span>
            </a>
          </Td>
          <Td>{s.ort ?? '–'}</Td>
          <Td>
            <StatusBadge status={s.status} />
          </Td>
        </Tr>
      ))}
    </Table>
  );
}

/** The calendar of a county: the sessions of one month, paging to the nearest months with sessions. */
export function KalenderPage({
  kreis,
  monat,
  sitzungen,
  vorher,
  nachher,
}: {
  kreis: Kreis;
  monat: string;
  sitzungen: PublicSitzungRow[];
  vorher: string | null;
  nachher: string | null;
}) {
  const base = kreisBase(kreis);
  return (
    <RatsinfoLayout title={`Sitzungskalender ${monatDe(monat)}`} kreis={kreis} active="kalender">
      <H1>Sitzungskalender {monatDe(monat)}</H1>
      <p class="kern-body">
        Sitzungen des Kreistags und der Ausschüsse im {kreis.name}. Die Tagesordnung erscheint mit der
        Einladung; geplante Sitzungen sind vorgemerkte Termine.
      </p>
      {sitzungen.length > 0 ? (
        <SitzungenTable kreis={kreis} sitzungen={sitzungen} caption={`Sitzungen im ${monatDe(monat)}`} />
      ) : (
        <p class="kern-body">Im {monatDe(monat)} sind keine Sitzungen verzeichnet.</p>
      )}
      <nav class="vb-pager" aria-label="Monate">
        {vorher ? (
          <a class="kern-link" href={`${base}/?monat=${vorher}`}>
            Früher: {monatDe(vorher)}
          </a>
        ) : null}{' '}
        {nachher ? (
          <a class="kern-link" href={`${base}/?monat=${nachher}`}>
            Später: {monatDe(nachher)}
          </a>
        ) : null}
      </nav>
    </RatsinfoLayout>
  );
}
