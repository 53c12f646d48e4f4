import { Facts } from '../../../platform/ui/facts.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { StatusBadge } from './kalender.page.tsx';
import { H1, kreisBase, RatsinfoLayout } from './ratsinfo.layout.tsx';
import { ERGEBNIS_DE, type Kreis, tagDe, uhrzeitDe } from './ratsinfo.models.ts';
import type { PublicSitzungRow, PublicTopRow } from './sitzungen.repository.ts';

/** "Ja 30, Nein 5, Enthaltungen 2" (nothing when no votes were counted). */
export const stimmenDe = (b: { ja: number | null; nein: number | null; enthaltung: number | null }) =>
  b.ja === null ? '' : `Ja ${b.ja}, Nein ${b.nein}, Enthaltungen ${b.enthaltung}`;

/** The result of an agenda item as a short text. */
function Ergebnis({ top }: { top: PublicTopRow }) {
  if (!top.ergebnis) return <>–</>;
  const stimmen = stimmenDe(top);
  return (
    <>
      {ERGEBNIS_DE[top.ergebnis] ?? top.ergebnis}
      {stimmen ? ` (${stimmen})` : ''}
      {top.beschluss_nr ? (
        <>
          <br />
          Beschluss-Nr. {top.beschluss_nr}
        </>
      ) : null}
    </>
  );
}

/**
 * A session: date, place, state and – from the invitation on – the agenda. A non-public item shows
 * only its number and "nichtöffentlich" (the statement never read more of it).
 */
export function SitzungPage({
  kreis,
  sitzung,
  agendaPublic,
  tagesordnung,
}: {
  kreis: Kreis;
  sitzung: PublicSitzungRow;
  agendaPublic: boolean;
  tagesordnung: Array<PublicTopRow & { nummer: string }>;
}) {
  const base = kreisBase(kreis);
  const title = `${sitzung.gremium}, ${sitzung.nummer}. Sitzung`;
  return (
    <RatsinfoLayout title={title} kreis={kreis} active="kalender">
      <H1>{title}</H1>
      {sitzung.status === 'abgesagt' ? (
        <div class="kern-alert kern-alert--warning" role="status">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--warning" aria-hidden="true"></span>
            <span class="kern-title">Diese Sitzung wurde abgesagt.</span>
          </div>
        </div>
      ) : null}
      <Facts
        rows={[
          [
            'Gremium',
            <a class="kern-link" href={`${base}/gremien/${sitzung.gremium_id}`}>
              {sitzung.gremium}
            </a>,
          ],
          ['Datum', tagDe(sitzung.beginn)],
          [
            'Uhrzeit',
            `${uhrzeitDe(sitzung.beginn)} Uhr${sitzung.ende ? ` bis ${uhrzeitDe(sitzung.ende)} Uhr` : ''}`,
          ],
          ['Ort', sitzung.ort ?? '–'],
          ['Stand', <StatusBadge status={sitzung.status} />],
          [
            'Kalender',
            <a class="kern-link" href={`${base}/gremien/${sitzung.gremium_id}/kalender.ics`}>
              Sitzungen des Gremiums als iCal abonnieren
            </a>,
          ],
        ]}
      />
      <h2 class="kern-heading-medium" id="tagesordnung">
        Tagesordnung
      </h2>
      {!agendaPublic ? (
        <p class="kern-body">
          {sitzung.status === 'abgesagt'
            ? 'Für eine abgesagte Sitzung wird keine Tagesordnung veröffentlicht.'
            : 'Die Tagesordnung wird mit der Einladung veröffentlicht.'}
        </p>
      ) : tagesordnung.length === 0 ? (
        <p class="kern-body">Die Tagesordnung enthält noch keine Punkte.</p>
      ) : (
        <Table labelledBy="tagesordnung" head={['Nr.', 'Gegenstand', 'Vorlage', 'Ergebnis']}>
          {tagesordnung.map((t) =>
            t.oeffentlich ? (
              <Tr>
                <Td>{t.nummer}</Td>
                <Td>{t.titel}</Td>
                <Td>
                  {t.vorlage_id ? (
                    <a class="kern-link" href={`${base}/vorlagen/${t.vorlage_id}`}>
                      {t.drucksachen_nr}
                    </a>
                  ) : (
                    '–'
                  )}
                </Td>
                <Td>
                  <Ergebnis top={t} />
                </Td>
              </Tr>
            ) : (
              <Tr>
                <Td>{t.nummer}</Td>
                <Td>nichtöffentlich</Td>
                <Td>–</Td>
                <Td>–</Td>
              </Tr>
            ),
          )}
        </Table>
      )}
    </RatsinfoLayout>
  );
}
