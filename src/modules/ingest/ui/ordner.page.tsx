import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import { dateTimeDe, fileSize } from '../../../platform/ui/format.ts';
import type { PageFrame } from '../../../platform/ui/page-frame.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { EingangsordnerUsecases } from '../eingangsordner/eingangsordner.usecases.ts';
import type { FehlerDatei } from './eingangsordner-fehler.ts';
import type { FieldErrors, OrdnerFormValues } from './ordner.form.ts';
import {
  AkteFields,
  AktivBadge,
  DokumentLink,
  FormSection,
  OutcomeBadge,
  outcomeOf,
  PosteingangLayout,
  TextArea,
} from './posteingang-ui.kit.tsx';

type Ordner = Awaited<ReturnType<EingangsordnerUsecases['get']>>;
type OrgUnit = { kuerzel: string; name: string };

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  pfad: 'Pfad',
  aktenplan: 'Aktenplaneinheit',
  oe: 'Organisationseinheit',
  regeln: 'Regeln',
  stabil: 'Stabilitätsfenster',
  allgemein: 'Eingangsordner',
};

/** The fields of a consume folder (creating: all; editing: name, rules, stability window). */
function OrdnerFields({
  values,
  errors,
  orgUnits,
  create,
}: {
  values: OrdnerFormValues;
  errors: FieldErrors;
  orgUnits: OrgUnit[];
  create: boolean;
}) {
  return (
    <>
      <TextField id="name" label="Name" value={values.name} error={errors.name} required />
      {create ? (
        <>
          <TextField
            id="pfad"
            label="Pfad"
            value={values.pfad}
            error={errors.pfad}
            hint="Relativ zum Eingangsverzeichnis des Landkreises, z. B. „bauamt“ (ohne „..“); der Ordner wird angelegt."
            required
          />
          <AkteFields
            akte="Posteingang <Name>"
            aktenplan={values.aktenplan}
            oe={values.oe}
            errors={errors}
            orgUnits={orgUnits}
          />
        </>
      ) : null}
      <TextArea
        id="regeln"
        label="Regeln für Unterordner (optional)"
        value={values.regeln}
        error={errors.regeln}
        hint="Eine Regel je Zeile: „Anträge = 63.02“ (in die Aktenplaneinheit) oder „Widersprüche = Vorgang <Kennung>“ (direkt in den Vorgang). Es gilt die Regel des tiefsten passenden Unterordners."
      />
      <TextField
        id="stabil"
        label="Stabilitätsfenster in Sekunden"
        value={values.stabil}
        error={errors.stabil}
        hint="Eine Datei wird erst genommen, wenn sie so lange unverändert ist (Standard 5)."
      />
    </>
  );
}

/** The county's consume folders and the form to set one up. */
export function OrdnerListePage({
  frame,
  ordner,
  orgUnits,
  values,
  errors,
}: {
  frame: PageFrame;
  ordner: Array<Ordner>;
  orgUnits: OrgUnit[];
  values: OrdnerFormValues;
  errors: FieldErrors;
}) {
  return (
    <PosteingangLayout frame={frame} tab="ordner" title="Eingangsordner">
      {ordner.length === 0 ? (
        <p class="kern-body">Noch kein Eingangsordner eingerichtet.</p>
      ) : (
        <Table
          caption="Eingangsordner des Landkreises"
          head={['Name', 'Pfad', 'OE', 'Aktenplan', 'Zustand', 'Letzte Übernahme']}
        >
          {ordner.map((o) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`/posteingang/ordner/${o.id}`}>
                  {o.name}
                </a>
              </Td>
              <Td>{o.pfad}</Td>
              <Td>{o.oe ?? '–'}</Td>
              <Td>{o.aktenplan || 'Standard'}</Td>
              <Td>
                <AktivBadge aktiv={o.aktiv} />
              </Td>
              <Td>{o.dateien[0] ? dateTimeDe(o.dateien[0].zeitpunkt) : 'noch keine'}</Td>
            </Tr>
          ))}
        </Table>
      )}
      <FormSection
        id="neu"
        title="Eingangsordner einrichten"
        action="/posteingang/ordner"
        principal={frame.principal}
        errors={errors}
        labels={FIELD_LABELS}
        submit="Einrichten"
      >
        <OrdnerFields values={values} errors={errors} orgUnits={orgUnits} create />
      </FormSection>
    </PosteingangLayout>
  );
}

/** One consume folder: its settings, the files taken last, and what lies in its error folder. */
export function OrdnerPage({
  frame,
  ordner: o,
  values,
  errors,
  fehler,
}: {
  frame: PageFrame;
  ordner: Ordner;
  values: OrdnerFormValues;
  errors: FieldErrors;
  fehler: { dateien: FehlerDatei[]; more: boolean };
}) {
  const letzte = o.dateien[0];
  return (
    <PosteingangLayout frame={frame} tab="ordner" title={`Eingangsordner ${o.name}`}>
      <Facts
        rows={[
          ['Pfad', <code>{o.pfad}</code>],
          ['Organisationseinheit', o.oe ?? '–'],
          ['Aktenplaneinheit', o.aktenplan || 'Standard des Landkreises'],
          ['Akte', <a class="kern-link" href={`/akten/${o.akteId}`}>{`Posteingang ${o.name}`}</a>],
          ['Stabilitätsfenster', `${o.stabilSekunden} s`],
          ['Zustand', <AktivBadge aktiv={o.aktiv} />],
          ['Letzte Übernahme', letzte ? `${dateTimeDe(letzte.zeitpunkt)} (${letzte.pfad})` : 'noch keine'],
        ]}
      />
      <form method="post" action={`/posteingang/ordner/${o.id}/aktiv`}>
        <CsrfField principal={frame.principal} />
        <input type="hidden" name="aktiv" value={o.aktiv ? '0' : '1'} />
        <SubmitButton label={o.aktiv ? 'Abschalten' : 'Wieder einschalten'} kind="secondary" />
      </form>
      <h2 class="kern-heading-medium" id="dateien">
        Zuletzt übernommene Dateien
      </h2>
      {o.dateien.length === 0 ? (
        <p class="kern-body">Aus diesem Ordner wurde noch nichts übernommen.</p>
      ) : (
        <Table labelledBy="dateien" head={['Zeitpunkt', 'Datei', 'Ergebnis', 'Dokument']}>
          {o.dateien.map((d) => (
            <Tr>
              <Td>{dateTimeDe(d.zeitpunkt)}</Td>
              <Td>{d.pfad}</Td>
              <Td>
                <OutcomeBadge status={outcomeOf(d.status, d.grund)} />
                {d.grund ? <span class="kern-body kern-body--small"> {d.grund}</span> : null}
              </Td>
              <Td>
                <DokumentLink id={d.dokumentId} />
              </Td>
            </Tr>
          ))}
        </Table>
      )}
      <h2 class="kern-heading-medium" id="fehlerordner">
        Fehlerordner (_fehler)
      </h2>
      {fehler.dateien.length === 0 ? (
        <p class="kern-body">Der Fehlerordner ist leer.</p>
      ) : (
        <Table labelledBy="fehlerordner" head={['Datei', 'Größe', 'Seit', 'Grund (.grund.txt)']}>
          {fehler.dateien.map((f) => (
            <Tr>
              <Td>{f.pfad}</Td>
              <Td>{fileSize(f.groesse)}</Td>
              <Td>{dateTimeDe(f.zeit)}</Td>
              <Td>{f.grund}</Td>
            </Tr>
          ))}
        </Table>
      )}
      {fehler.more ? (
        <p class="kern-body">Es liegen weitere Dateien im Fehlerordner (gezeigt: 100).</p>
      ) : null}
      <FormSection
        id="aendern"
        title="Ändern"
        action={`/posteingang/ordner/${o.id}`}
        principal={frame.principal}
        errors={errors}
        labels={FIELD_LABELS}
        submit="Speichern"
      >
        <OrdnerFields values={values} errors={errors} orgUnits={[]} create={false} />
      </FormSection>
    </PosteingangLayout>
  );
}
