import type { Child } from 'hono/jsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import { Flash } from '../../../platform/ui/flash.tsx';
import { dateDe, dateTimeDe, fileSize } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { type PageBase, TextStatus } from '../records.components.tsx';
import { dokumentArtLabels, vertraulichkeitLabels } from '../records.models.ts';
import { canWrite } from '../viewer/viewer.models.ts';
import { DokumentEditSection } from './dokument-edit.page.tsx';
import { VersionUploadSection } from './dokument-upload.page.tsx';
import type { Dokument } from './dokumente.models.ts';

type VersionRow = {
  version: number;
  dateiname: string;
  groesse: number;
  mime: string;
  createdAt: string;
  createdBy: string;
  sha256: string;
  textStatus: string;
  textFehler: string | null;
};

/** One document: facts, download, preview, versions, editing, a new version. */
export function DokumentPage(
  props: PageBase & { dokument: Dokument; versions: VersionRow[]; text: string | null; section?: Child },
) {
  const { principal, dokument: d } = props;
  const contentUrl = `/api/v1/dokumente/${d.id}/inhalt`;
  return (
    <Layout title={d.titel} principal={principal} tenantName={props.tenantName} active="akten">
      <p class="kern-body kern-body--small">
        <a class="kern-link" href={`/vorgaenge/${d.vorgangId}`}>
          Vorgang: {d.betreff}
        </a>{' '}
        · Akte {d.aktenzeichen}
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{d.titel}</h1>
        <p class="kern-subline">
          {dokumentArtLabels[d.art]} vom {dateDe(d.datum)} · Version {d.version}
        </p>
      </hgroup>
      <Flash flash={props.flash} />
      <Facts
        rows={[
          ['Absender', d.absender ?? '–'],
          ['Empfänger', d.empfaenger ?? '–'],
          ['Vertraulichkeit', vertraulichkeitLabels[d.vertraulichkeit]],
          ['Datei', `${d.dateiname} (${d.mime}, ${fileSize(d.groesse)})`],
          ['SHA-256', <code class="vb-hash">{d.sha256}</code>],
          ['Text', <TextStatus d={d} />],
          ...d.metadaten.map((m): [string, Child] => [
            m.name,
            typeof m.wert === 'boolean' ? (m.wert ? 'ja' : 'nein') : String(m.wert),
          ]),
        ]}
      />
      <p class="kern-body">
        <a class="kern-link" href={`${contentUrl}?anzeige=download`}>
          Herunterladen
        </a>
      </p>
      <h2 class="kern-heading-medium">Vorschau</h2>
      <Preview dokument={d} contentUrl={contentUrl} text={props.text} />
      {props.section ?? null}
      <h2 class="kern-heading-medium">Versionen</h2>
      <Table caption="Versionen (unveränderlich)" head={['Version', 'Datei', 'Erstellt', 'Von', 'Text', '']}>
        {props.versions.map((v) => (
          <Tr>
            <Td>{v.version}</Td>
            <Td>
              {v.dateiname} ({fileSize(v.groesse)})
            </Td>
            <Td>{dateTimeDe(v.createdAt)}</Td>
            <Td>{v.createdBy}</Td>
            <Td>
              <TextStatus d={v} />
            </Td>
            <Td>
              <a class="kern-link" href={`${contentUrl}?version=${v.version}&anzeige=download`}>
                Version {v.version} herunterladen
              </a>
            </Td>
          </Tr>
        ))}
      </Table>
      {canWrite(principal) ? <DokumentEditSection principal={principal} dokument={d} /> : null}
      {canWrite(principal) ? <VersionUploadSection principal={principal} dokumentId={d.id} /> : null}
    </Layout>
  );
}

/** PDFs framed, images shown, otherwise the recognised text (at most 100,000 characters). */
function Preview({
  dokument: d,
  contentUrl,
  text,
}: {
  dokument: Dokument;
  contentUrl: string;
  text: string | null;
}) {
  if (d.mime === 'application/pdf')
    return (
      <iframe class="vb-preview" src={`${contentUrl}?anzeige=inline`} title={`Vorschau: ${d.titel}`}></iframe>
    );
  if (d.mime.startsWith('image/'))
    return <img class="vb-preview-image" src={`${contentUrl}?anzeige=inline`} alt={`Vorschau: ${d.titel}`} />;
  if (text)
    return (
      <section aria-label="Erkannter Text">
        <pre class="vb-text" tabindex={0}>
          {text.slice(0, 100_000)}
        </pre>
      </section>
    );
  return <p class="kern-body">Für dieses Dokument gibt es (noch) keine Textvorschau.</p>;
}
