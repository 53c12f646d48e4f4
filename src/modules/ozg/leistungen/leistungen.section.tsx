import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { Leistung } from './leistungen.models.ts';

export type AktivierungView = {
  leistungId: string;
  aktiv: boolean;
  kennzeichen: string | null;
  oe: string | null;
};

/** The Verbund's services on the staff overview: who built them, how this county files them. */
export function LeistungenSection({
  leistungen,
  aktivierungen,
}: {
  leistungen: Leistung[];
  aktivierungen: AktivierungView[];
}) {
  return (
    <section class="vb-section" aria-labelledby="leistungen">
      <h2 class="kern-heading-medium" id="leistungen">
        Leistungen des Verbunds
      </h2>
      <Table
        caption="Wer sie gebaut hat und wie sie hier abgelegt werden"
        head={['Leistung', 'LeiKa', 'Reifegrad', 'Entwickelt von', 'Hier']}
      >
        {leistungen.map((l) => {
          const a = aktivierungen.find((x) => x.leistungId === l.id);
          return (
            <Tr>
              <Td>
                <a class="kern-link" href={`/portal/leistungen/${l.id}`}>
                  {l.name}
                </a>
              </Td>
              <Td>
                {l.leika}
                {l.leikaPlatzhalter ? ' (Platzhalter)' : ''}
              </Td>
              <Td>{l.reifegrad}</Td>
              <Td>{l.ownerName}</Td>
              <Td>
                {a?.aktiv ? `aktiv · Aktenplan ${a.kennzeichen}${a.oe ? ` · ${a.oe}` : ''}` : 'nicht aktiv'}
              </Td>
            </Tr>
          );
        })}
      </Table>
    </section>
  );
}
