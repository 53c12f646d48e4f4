import { Facts } from '../../../platform/ui/facts.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { PublicGremiumRow, PublicMitgliedRow } from './gremien.repository.ts';
import { SitzungenTable } from './kalender.page.tsx';
import { H1, kreisBase, RatsinfoLayout } from './ratsinfo.layout.tsx';
import { type Kreis, ROLLE_DE } from './ratsinfo.models.ts';
import type { PublicSitzungRow } from './sitzungen.repository.ts';

export const GREMIUM_ART_DE: Record<string, string> = {
  kreistag: 'Kreistag',
  kreisausschuss: 'Kreisausschuss',
  ausschuss: 'Ausschuss',
  beirat: 'Beirat',
  sonstiges: 'sonstiges Gremium',
};

/** The county's Gremien. */
export function GremienPage({ kreis, gremien }: { kreis: Kreis; gremien: PublicGremiumRow[] }) {
  const base = kreisBase(kreis);
  return (
    <RatsinfoLayout title="Gremien" kreis={kreis} active="gremien">
      <H1>Gremien</H1>
      {gremien.length === 0 ? (
        <p class="kern-body">Der Landkreis hat noch keine Gremien eingetragen.</p>
      ) : (
        <Table
          caption={`Gremien im ${kreis.name}`}
          head={['Gremium', 'Art', { label: 'Sitze', numeric: true }]}
        >
          {gremien.map((g) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`${base}/gremien/${g.id}`}>
                  {g.name}
                </a>
              </Td>
              <Td>{GREMIUM_ART_DE[g.art] ?? g.art}</Td>
              <td class="kern-table__cell kern-table__cell--numeric">{g.sitze ?? '–'}</td>
            </Tr>
          ))}
        </Table>
      )}
    </RatsinfoLayout>
  );
}

const nameOf = (m: PublicMitgliedRow) => [m.titel, m.vorname, m.familienname].filter(Boolean).join(' ');

type Periode = { id: string; name: string; beginn: string; ende: string | null };

/** A Gremium: its members in a Wahlperiode by Fraktion, its latest sessions, its iCal feed. */
export function GremiumPage({
  kreis,
  gremium,
  perioden,
  periode,
  fraktionen,
  sitzungen,
}: {
  kreis: Kreis;
  gremium: PublicGremiumRow;
  perioden: Periode[];
  periode: Periode | undefined;
  fraktionen: Array<{ fraktion: string | null; mitglieder: PublicMitgliedRow[] }>;
  sitzungen: PublicSitzungRow[];
}) {
  const base = `${kreisBase(kreis)}/gremien/${gremium.id}`;
  return (
    <RatsinfoLayout title={gremium.name} kreis={kreis} active="gremien">
      <H1>{gremium.name}</H1>
      <Facts
        rows={[
          ['Art', GREMIUM_ART_DE[gremium.art] ?? gremium.art],
          ['Kürzel', gremium.kuerzel],
          ['Sitze', gremium.sitze === null ? '–' : String(gremium.sitze)],
          [
            'Kalender',
            <a class="kern-link" href={`${base}/kalender.ics`}>
              Sitzungen als iCal abonnieren
            </a>,
          ],
        ]}
      />
      <h2 class="kern-heading-medium">Mitglieder{periode ? ` in der Wahlperiode ${periode.name}` : ''}</h2>
      {perioden.length > 1 ? (
        <nav aria-label="Wahlperioden">
          <ul class="kern-list">
            {perioden.map((w) => (
              <li>
                <a
                  class="kern-link"
                  href={`${base}?wahlperiode=${w.id}`}
                  aria-current={w.id === periode?.id ? 'page' : undefined}
                >
                  Wahlperiode {w.name} ({dateDe(w.beginn)} bis {dateDe(w.ende)})
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {fraktionen.length === 0 ? <p class="kern-body">Keine Mitglieder eingetragen.</p> : null}
      {fraktionen.map((f) => (
        <Table caption={f.fraktion ?? 'Ohne Fraktion'} head={['Name', 'Rolle', 'Stimmrecht', 'Zeitraum']}>
          {f.mitglieder.map((m) => (
            <Tr>
              <Td>{nameOf(m)}</Td>
              <Td>{ROLLE_DE[m.rolle] ?? m.rolle}</Td>
              <Td>{m.stimmberechtigt ? 'ja' : 'nein'}</Td>
              <Td>
                {dateDe(m.von)} bis {m.bis ? dateDe(m.bis) : 'heute'}
              </Td>
            </Tr>
          ))}
        </Table>
      ))}
      <h2 class="kern-heading-medium">Sitzungen</h2>
      {sitzungen.length === 0 ? (
        <p class="kern-body">Keine Sitzungen verzeichnet.</p>
      ) : (
        <SitzungenTable kreis={kreis} sitzungen={sitzungen} caption="Die letzten und nächsten Sitzungen" />
      )}
    </RatsinfoLayout>
  );
}
