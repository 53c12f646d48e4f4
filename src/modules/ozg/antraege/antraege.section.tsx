import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { SelectField } from '../../../platform/ui/components.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { when } from '../format.ts';
import { ANTRAG_STATUS } from './antraege.models.ts';

export type AntragRow = {
  id: string;
  nummer: string;
  leistung: { name: string };
  gemeinde: { name: string };
  statusText: string;
  status: string;
  eingang: string;
  vorgangId: string;
};

/** The county's Anträge on the staff overview, filtered by status. */
export function AntraegeSection({
  antraege,
  status,
}: {
  antraege: { items: AntragRow[]; total: number };
  status: string;
}) {
  return (
    <section class="vb-section" aria-labelledby="antraege">
      <h2 class="kern-heading-medium" id="antraege">
        Anträge ({antraege.total})
      </h2>
      <form method="get" action="/onlinedienste" class="vb-filter">
        <SelectField
          id="status"
          label="Status"
          value={status}
          options={[
            { value: '', label: 'alle' },
            ...Object.entries(ANTRAG_STATUS)
              .filter(([k]) => k !== 'ruhend')
              .map(([value, label]) => ({ value, label })),
          ]}
        />
        <div>
          <SubmitButton kind="secondary" label="Filtern" />
        </div>
      </form>
      {antraege.items.length === 0 ? (
        <p class="kern-body">Keine Anträge{status ? ' mit diesem Status' : ''}.</p>
      ) : (
        <Table
          caption="Eingegangene Anträge, neueste zuerst"
          head={['Nummer', 'Leistung', 'Gemeinde', 'Eingang', 'Status']}
        >
          {antraege.items.map((a) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`/onlinedienste/antraege/${a.id}`}>
                  {a.nummer}
                </a>
              </Td>
              <Td>{a.leistung.name}</Td>
              <Td>{a.gemeinde.name}</Td>
              <Td>{when(a.eingang)}</Td>
              <Td>{a.statusText}</Td>
            </Tr>
          ))}
        </Table>
      )}
    </section>
  );
}
