import type { Child } from 'hono/jsx';
import type { Principal } from '../../../platform/http/principal.ts';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { OCR_STATUS_DE } from '../ocr/ocr.models.ts';
import type { DokumentVorschlaege, Vorschlag } from './dokument-vorschlaege.usecases.ts';

const ART_DE: Record<string, string> = { eingang: 'Eingang', ausgang: 'Ausgang', intern: 'intern' };
const prozent = (x: number) => `${Math.round(x * 100)} %`;
const euro = (cent: number) =>
  (cent / 100).toLocaleString('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
const dateDe = (iso: string) => iso.split('-').reverse().join('.');

/** The text around a find (its source position), the find itself marked. */
function Fundstelle({ text, von, bis }: { text: string; von: number; bis: number }) {
  const start = Math.max(0, von - 40);
  const end = Math.min(text.length, bis + 40);
  return (
    <span class="kern-body kern-body--small">
      Zeichen {von}–{bis}: „{start > 0 ? '…' : ''}
      {text.slice(start, von)}
      <mark>{text.slice(von, bis)}</mark>
      {text.slice(bis, end)}
      {end < text.length ? '…' : ''}“
    </span>
  );
}

type Row = { label: string; anzeige: string; feld: string; wert: string; von: number; bis: number };

/** The suggestions as rows: what is found, which field "Übernehmen" sets, and with which value. */
function rowsOf(m: DokumentVorschlaege['metadaten']): Row[] {
  const at = (s: { von: number; bis: number }) => ({ von: s.von, bis: s.bis });
  return [
    ...(m.briefdatum
      ? [
          {
            label: 'Briefdatum',
            anzeige: dateDe(m.briefdatum.wert),
            feld: 'datum',
            wert: m.briefdatum.wert,
            ...at(m.briefdatum),
          },
        ]
      : []),
    ...(m.absender
      ? [
          {
            label: 'Absender',
            anzeige: m.absender.wert,
            feld: 'absender',
            wert: m.absender.wert,
            ...at(m.absender),
          },
        ]
      : []),
    ...m.daten.map((s) => ({
      label: 'weiteres Datum',
      anzeige: dateDe(s.wert),
      feld: 'Datum',
      wert: s.wert,
      ...at(s),
    })),
    ...m.aktenzeichen.map((s) => ({
      label: 'Aktenzeichen',
      anzeige: s.wert,
      feld: 'Aktenzeichen (Bezug)',
      wert: s.wert,
      ...at(s),
    })),
    ...m.drucksachen.map((s) => ({
      label: 'Drucksache',
      anzeige: s.wert,
      feld: 'Drucksache',
      wert: s.wert,
      ...at(s),
    })),
    ...m.beschluesse.map((s) => ({
      label: 'Beschluss',
      anzeige: s.wert,
      feld: 'Beschluss',
      wert: s.wert,
      ...at(s),
    })),
    ...m.ibans.map((s) => ({ label: 'IBAN', anzeige: s.wert, feld: 'IBAN', wert: s.wert, ...at(s) })),
    ...m.betraege.map((s) => ({
      label: 'Betrag',
      anzeige: euro(s.wert),
      feld: 'Betrag',
      wert: euro(s.wert),
      ...at(s),
    })),
  ];
}

/** One "Übernehmen" form (a plain POST; works without JavaScript). */
function Uebernehmen({
  principal,
  action,
  fields,
  label,
  button = 'Übernehmen',
}: {
  principal: Principal;
  action: string;
  fields: Record<string, string>;
  label: string;
  button?: string;
}) {
  return (
    <form method="post" action={action} class="vb-inline-form">
      <CsrfField principal={principal} />
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {/* Named by its content, not aria-label: a field's label elsewhere on the page stays unique. */}
      <button type="submit" class="kern-btn kern-btn--secondary kern-btn--x-small">
        <span class="kern-label">{button}</span>
        <span class="kern-sr-only">: {label}</span>
      </button>
    </form>
  );
}

/** OCR, metadata and filing suggestions of a document: the Posteingang's part of its page. */
export function DokumentVorschlaegeSection({
  principal,
  data,
  canWrite,
}: {
  principal: Principal;
  data: DokumentVorschlaege;
  canWrite: boolean;
}) {
  const id = data.dokument.id;
  const rows = rowsOf(data.metadaten);
  const action = `/posteingang/dokumente/${id}`;
  return (
    <section aria-labelledby="posteingang" class="vb-section" id="vorschlaege">
      <h2 class="kern-heading-medium" id="posteingang">
        Texterkennung und Vorschläge
      </h2>
      <h3 class="kern-heading-small" id="ocr">
        Texterkennung (OCR)
      </h3>
      {data.ocr.length === 0 ? (
        <p class="kern-body">
          Keine Texterkennung: das Dokument ist kein Scan (oder seine Textebene genügt).
        </p>
      ) : (
        <Table
          labelledBy="ocr"
          head={['Version', 'Status', 'Konfidenz', 'Seiten erkannt', 'Durchsuchbare PDF/A']}
        >
          {data.ocr.map((o) => (
            <Tr>
              <Td>{o.version}</Td>
              <Td>
                {OCR_STATUS_DE[o.status]}
                {o.grund ? <span class="kern-body kern-body--small"> – {o.grund}</span> : null}
                {o.signiert ? (
                  <span class="kern-body kern-body--small"> (digital signiert, nicht umgeschrieben)</span>
                ) : null}
              </Td>
              <Td>{o.konfidenz === null ? '–' : `${o.konfidenz.toFixed(1)} %`}</Td>
              <Td>{o.seiten === null ? '–' : `${o.seitenErkannt ?? 0} von ${o.seiten}`}</Td>
              <Td>
                {o.renditionSha256 ? (
                  <a class="kern-link" href={`/api/v1/dokumente/${id}/ocr/pdf?version=${o.version}`}>
                    PDF/A der Version {o.version} herunterladen
                  </a>
                ) : (
                  '–'
                )}
              </Td>
            </Tr>
          ))}
        </Table>
      )}
      <h3 class="kern-heading-small" id="metadaten">
        Metadaten aus dem Text
      </h3>
      {rows.length === 0 ? (
        <p class="kern-body">
          Im Text wurden keine Daten, Aktenzeichen, Absender, IBAN oder Beträge gefunden.
        </p>
      ) : (
        <Table labelledBy="metadaten" head={['Vorschlag', 'Wert', 'Fundstelle', '']}>
          {rows.map((r) => (
            <Tr>
              <Td>{r.label}</Td>
              <Td>{r.anzeige}</Td>
              <Td>
                <Fundstelle text={data.text} von={r.von} bis={r.bis} />
              </Td>
              <Td>
                {canWrite ? (
                  <Uebernehmen
                    principal={principal}
                    action={`${action}/metadaten`}
                    fields={{ feld: r.feld, wert: r.wert }}
                    label={`${r.label} ${r.anzeige}`}
                  />
                ) : null}
              </Td>
            </Tr>
          ))}
        </Table>
      )}
      <h3 class="kern-heading-small" id="ablage">
        Ablagevorschlag
      </h3>
      <AblageVorschlaege principal={principal} data={data} canWrite={canWrite} action={action} />
    </section>
  );
}

function AblageVorschlaege({
  principal,
  data,
  canWrite,
  action,
}: {
  principal: Principal;
  data: DokumentVorschlaege;
  canWrite: boolean;
  action: string;
}) {
  // action: the document's form path; "/ablage" takes the kind, "/verschieben" moves it (E-Akte use-case).
  if (!data.ablage.gelernt)
    return <p class="kern-body">Ohne erkannten Text gibt es keinen Ablagevorschlag.</p>;
  const { einheit, vorgang, art } = data.ablage;
  const item = (title: string, v: Vorschlag | null, extra?: Child) => (
    <li>
      {title}:{' '}
      {v ? (
        <>
          {v.href ? (
            <a class="kern-link" href={v.href}>
              {v.label}
            </a>
          ) : (
            v.label
          )}{' '}
          (Konfidenz {prozent(v.konfidenz)}){v.aktuell ? ' – so abgelegt' : ''} {extra}
        </>
      ) : (
        'kein Vorschlag (Konfidenz unter 50 %)'
      )}
    </li>
  );
  return (
    <>
      <p class="kern-body">
        Gelernt aus den abgelegten Dokumenten des Landkreises; Vorschläge unter 50 % Konfidenz werden nicht
        gezeigt.
      </p>
      <ul class="kern-list">
        {item('Aktenplaneinheit', einheit)}
        {item(
          'Vorgang',
          vorgang,
          vorgang && !vorgang.aktuell && canWrite ? (
            <Uebernehmen
              principal={principal}
              action={`${action}/verschieben`}
              fields={{ vorgang: vorgang.id }}
              label={vorgang.label}
              button="In vorgeschlagenen Vorgang verschieben"
            />
          ) : null,
        )}
        {item(
          'Dokumentart',
          art ? { ...art, label: ART_DE[art.label] ?? art.label } : null,
          art && !art.aktuell && canWrite ? (
            <Uebernehmen
              principal={principal}
              action={`${action}/ablage`}
              fields={{ art: art.id }}
              label={`Dokumentart ${ART_DE[art.id] ?? art.id}`}
            />
          ) : null,
        )}
      </ul>
    </>
  );
}
