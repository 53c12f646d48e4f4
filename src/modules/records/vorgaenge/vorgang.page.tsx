import { Facts } from '../../../platform/ui/facts.tsx';
import { Flash } from '../../../platform/ui/flash.tsx';
import { dateDe, dateTimeDe, fileSize } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { DokumentUploadSection } from '../dokumente/dokument-upload.page.tsx';
import type { Dokument } from '../dokumente/dokumente.models.ts';
import {
  type OrgUnitOption,
  type PageBase,
  Section,
  StatusBadge,
  TextStatus,
} from '../records.components.tsx';
import { dokumentArtLabels } from '../records.models.ts';
import { canWrite } from '../viewer/viewer.models.ts';
import type { Vorgang } from './vorgaenge.models.ts';
import { VorgangEditSection } from './vorgang-edit.page.tsx';

type HistoryEntry = { zeit: string; akteur: string; aktion: string; objektTyp: string };

/** One Vorgang: facts, documents, upload, editing, history. */
export function VorgangPage(
  props: PageBase & {
    vorgang: Vorgang;
    dokumente: Dokument[];
    history: HistoryEntry[];
    orgUnits: OrgUnitOption[];
    uploadLimitMb: number;
  },
) {
  const { principal, vorgang } = props;
  const writable = canWrite(principal) && vorgang.akteStatus === 'offen';
  return (
    <Layout title={vorgang.betreff} principal={principal} tenantName={props.tenantName} active="akten">
      <p class="kern-body kern-body--small">
        <a class="kern-link" href={`/akten/${vorgang.akteId}`}>
          Akte {vorgang.aktenzeichen} – {vorgang.akteTitel}
        </a>
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{vorgang.betreff}</h1>
        <p class="kern-subline">
          Vorgang · <StatusBadge status={vorgang.status} />
        </p>
      </hgroup>
      <Flash flash={props.flash} />
      <Facts
        rows={[
          ['Eingang', dateDe(vorgang.eingangsdatum)],
          ['Frist', dateDe(vorgang.frist)],
          ['Wiedervorlage', dateDe(vorgang.wiedervorlage)],
          ['Zuständig', [vorgang.zustaendigPerson, vorgang.zustaendigOe].filter(Boolean).join(' · ') || '–'],
          ['Externe Referenz', vorgang.externeReferenz ?? '–'],
        ]}
      />
      <h2 class="kern-heading-medium" id="dokumente">
        Dokumente ({props.dokumente.length})
      </h2>
      {props.dokumente.length === 0 ? (
        <p class="kern-body">Noch keine Dokumente. Laden Sie das erste hoch.</p>
      ) : (
        <DokumenteTable dokumente={props.dokumente} />
      )}
      {writable ? (
        <DokumentUploadSection
          principal={principal}
          vorgangId={vorgang.id}
          uploadLimitMb={props.uploadLimitMb}
        />
      ) : null}
      {writable ? (
        <VorgangEditSection principal={principal} vorgang={vorgang} orgUnits={props.orgUnits} />
      ) : null}
      <Section id="verlauf" title="Verlauf">
        <ol class="kern-list">
          {props.history.map((h) => (
            <li>
              {dateTimeDe(h.zeit)} · {actionLabel(h.aktion)} · {h.akteur}
            </li>
          ))}
        </ol>
      </Section>
    </Layout>
  );
}

const DokumenteTable = ({ dokumente }: { dokumente: Dokument[] }) => (
  <Table caption="Dokumente des Vorgangs" head={['Titel', 'Art', 'Datum', 'Datei', 'Version', 'Text']}>
    {dokumente.map((d) => (
      <Tr>
        <Td>
          <a class="kern-link" href={`/dokumente/${d.id}`}>
            {d.titel}
          </a>
        </Td>
        <Td>{dokumentArtLabels[d.art]}</Td>
        <Td>{dateDe(d.datum)}</Td>
        <Td>
          {d.dateiname} ({fileSize(d.groesse)})
        </Td>
        <Td>{d.version}</Td>
        <Td>
          <TextStatus d={d} />
        </Td>
      </Tr>
    ))}
  </Table>
);

const ACTIONS: Record<string, string> = {
  'records.vorgang_created': 'Vorgang angelegt',
  'records.vorgang_updated': 'Vorgang geändert',
  'records.dokument_added': 'Dokument hinzugefügt',
  'records.dokument_version_added': 'Neue Version',
  'records.dokument_updated': 'Dokument geändert',
  'records.attachments_filed': 'E-Mail-Anhänge abgelegt',
};
const actionLabel = (a: string) => ACTIONS[a] ?? a;
