import { Facts } from '../../../platform/ui/facts.tsx';
import { dateDe, fileSize } from '../../../platform/ui/format.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { H1, kreisBase, RatsinfoLayout } from './ratsinfo.layout.tsx';
import { ERGEBNIS_DE, type Kreis, tagDe, VORLAGE_ART_DE, ZUSTAENDIGKEIT_DE } from './ratsinfo.models.ts';
import { stimmenDe } from './sitzung.page.tsx';
import type { PublicAnlageRow, PublicVorlageRow, VorlageBeratungRow } from './vorlagen.repository.ts';

type Folge = {
  position: number;
  gremium_id: string;
  gremium: string;
  datum: string | null;
  zustaendigkeit: string;
};

/** A text with blank lines as paragraphs. */
function Absaetze({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p) => (
          <p class="kern-body vb-text">{p.trim()}</p>
        ))}
    </>
  );
}

/** A published public Vorlage: its data, texts, Beratungsfolge, sessions and public attachments. */
export function VorlagePage({
  kreis,
  vorlage,
  folge,
  beratungen,
  anlagen,
}: {
  kreis: Kreis;
  vorlage: PublicVorlageRow;
  folge: Folge[];
  beratungen: VorlageBeratungRow[];
  anlagen: PublicAnlageRow[];
}) {
  const base = kreisBase(kreis);
  return (
    <RatsinfoLayout title={`Vorlage ${vorlage.drucksachen_nr}`} kreis={kreis} active="suche">
      <p class="kern-body kern-body--small vb-muted">
        {VORLAGE_ART_DE[vorlage.art] ?? vorlage.art} {vorlage.drucksachen_nr}
      </p>
      <H1>{vorlage.betreff}</H1>
      <Facts
        rows={[
          ['Drucksachen-Nr.', vorlage.drucksachen_nr],
          ['Art', VORLAGE_ART_DE[vorlage.art] ?? vorlage.art],
          ['Einreicher', vorlage.einreicher ?? '–'],
          ['Federführend', vorlage.federfuehrende_oe ?? '–'],
          ['Einreichung', dateDe(vorlage.einreichung)],
          ['Veröffentlicht', dateDe(vorlage.veroeffentlicht_am.toISOString())],
          ...(vorlage.unterzeichner ? [['Unterzeichnet', vorlage.unterzeichner] as [string, string]] : []),
        ]}
      />
      {vorlage.beschlussvorschlag ? (
        <section aria-labelledby="beschlussvorschlag">
          <h2 class="kern-heading-medium" id="beschlussvorschlag">
            Beschlussvorschlag
          </h2>
          <Absaetze text={vorlage.beschlussvorschlag} />
        </section>
      ) : null}
      {vorlage.begruendung ? (
        <section aria-labelledby="begruendung">
          <h2 class="kern-heading-medium" id="begruendung">
            Begründung
          </h2>
          <Absaetze text={vorlage.begruendung} />
        </section>
      ) : null}
      <h2 class="kern-heading-medium" id="beratungsfolge">
        Beratungsfolge
      </h2>
      {folge.length === 0 ? (
        <p class="kern-body">Keine Beratungsfolge angegeben.</p>
      ) : (
        <Table labelledBy="beratungsfolge" head={['Nr.', 'Gremium', 'Geplant am', 'Zuständigkeit']}>
          {folge.map((f) => (
            <Tr>
              <Td>{f.position}</Td>
              <Td>
                <a class="kern-link" href={`${base}/gremien/${f.gremium_id}`}>
                  {f.gremium}
                </a>
              </Td>
              <Td>{dateDe(f.datum)}</Td>
              <Td>{ZUSTAENDIGKEIT_DE[f.zustaendigkeit] ?? f.zustaendigkeit}</Td>
            </Tr>
          ))}
        </Table>
      )}
      <h2 class="kern-heading-medium" id="beratungen">
        Beratungen
      </h2>
      {beratungen.length === 0 ? (
        <p class="kern-body">Die Vorlage stand noch auf keiner veröffentlichten Tagesordnung.</p>
      ) : (
        <Table labelledBy="beratungen" head={['Sitzung', 'TOP', 'Ergebnis', 'Abstimmung', 'Beschluss-Nr.']}>
          {beratungen.map((b) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`${base}/sitzungen/${b.sitzung_id}`}>
                  {b.gremium}, {tagDe(b.beginn)}
                </a>
              </Td>
              <Td>Ö {b.top_nummer}</Td>
              <Td>{b.ergebnis ? (ERGEBNIS_DE[b.ergebnis] ?? b.ergebnis) : 'noch offen'}</Td>
              <Td>{stimmenDe(b) || '–'}</Td>
              <Td>{b.beschluss_nr ?? '–'}</Td>
            </Tr>
          ))}
        </Table>
      )}
      <h2 class="kern-heading-medium" id="anlagen">
        Anlagen
      </h2>
      {anlagen.length === 0 ? (
        <p class="kern-body">Keine öffentlichen Anlagen.</p>
      ) : (
        <ul class="kern-list" aria-labelledby="anlagen">
          {anlagen.map((a) => (
            <li>
              <a
                class="kern-link"
                href={`${base}/vorlagen/${vorlage.id}/anlagen/${a.id}`}
                download={a.dateiname}
              >
                {a.titel}
              </a>{' '}
              <span class="kern-body kern-body--small vb-muted">
                ({a.dateiname}, {fileSize(Number(a.groesse))})
              </span>
            </li>
          ))}
        </ul>
      )}
    </RatsinfoLayout>
  );
}
