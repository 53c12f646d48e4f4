import type { Principal } from '../../../platform/http/principal.ts';
import { roleLabels } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { TextField } from '../../../platform/ui/components.tsx';
import { CsrfField, csrfQuery } from '../../../platform/ui/csrf-field.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import type { FlashMessage } from '../../../platform/ui/flash.tsx';
import { dateDe, dateTimeDe } from '../../../platform/ui/format.ts';
import type { Gremium } from '../gremien/gremien.usecases.ts';
import type { Vorlage } from '../vorlagen/vorlagen.usecases.ts';
import { Badge, Checkbox, GremienLayout, may, type PageFrame, Section, Why } from './gremien-ui.kit.tsx';
import { vorlageArtLabels, vorlageStatusLabels, zustaendigkeitLabels } from './gremien-ui.labels.ts';
import { type OrgUnitOption, VorlageForm } from './vorlage-editor.page.tsx';
import type { FieldErrors, VorlageFormValues } from './vorlage-form.ts';

/** Upload of an Anlage while the Vorlage can change (multipart: the CSRF token goes in the query). */
function AnlageHochladen(props: { principal: Principal; vorlage: Vorlage; editable: boolean }) {
  const { principal, vorlage } = props;
  if (!props.editable)
    return <Why>Die Anlagen einer {vorlageStatusLabels[vorlage.status]}en Vorlage sind eingefroren.</Why>;
  if (!may.edit(principal)) return null;
  return (
    <form
      method="post"
      action={`/vorlagen/${vorlage.id}/anlagen?${csrfQuery({ principal })}`}
      enctype="multipart/form-data"
      class="kern-stack"
    >
      <h3 class="kern-heading-small">Anlage hinzufügen</h3>
      <div class="kern-form-input">
        <label class="kern-label" for="anlage-datei">
          Datei
        </label>
        <input class="kern-form-input__input" type="file" id="anlage-datei" name="datei" required />
      </div>
      <TextField id="anlage-titel" name="titel" label="Titel (leer: der Dateiname)" value="" />
      {vorlage.oeffentlich ? (
        <Checkbox
          id="anlage-oeffentlich"
          name="oeffentlich"
          value="ja"
          label="Öffentlich (auch im Ratsinformationssystem)"
          checked
        />
      ) : (
        <p class="kern-hint">Die Vorlage ist nichtöffentlich; ihre Anlagen sind es auch.</p>
      )}
      {vorlage.status === 'freigegeben' ? (
        <Why>Eine neue Anlage hebt die Freigabe auf; danach muss die Leitung erneut freigeben.</Why>
      ) : null}
      <div>
        <SubmitButton label="Anlage hochladen" />
      </div>
    </form>
  );
}

export const VorlageStatusBadge = ({ status }: { status: string }) => (
  <Badge kind={status === 'veroeffentlicht' ? 'success' : status === 'freigegeben' ? 'info' : 'warning'}>
    {vorlageStatusLabels[status] ?? status}
  </Badge>
);

const rolesOf = (p: Principal) => p.roles.map((r) => roleLabels[r]).join(', ');

/** Freigabe and Veröffentlichung: a button where it is allowed, otherwise why not. */
function Ablauf({ principal, vorlage }: { principal: Principal; vorlage: Vorlage }) {
  const base = `/vorlagen/${vorlage.id}`;
  return (
    <Section id="ablauf" title="Freigabe und Veröffentlichung">
      {vorlage.status === 'entwurf' ? (
        may.release(principal) ? (
          <form method="post" action={`${base}/freigabe`}>
            <CsrfField principal={principal} />
            <SubmitButton label="Freigeben" />
          </form>
        ) : (
          <Why>
            Freigeben darf nur die Leitung. Sie sind angemeldet mit der Rolle {rolesOf(principal)}; bitten Sie
            die Leitung um die Freigabe.
          </Why>
        )
      ) : vorlage.freigegebenAm ? (
        <p class="kern-body">
          Freigegeben von {vorlage.freigegebenVon?.replace(/^user:/, '') ?? '–'} am{' '}
          {dateTimeDe(vorlage.freigegebenAm)}.
        </p>
      ) : null}
      {vorlage.status === 'freigegeben' ? (
        may.publish(principal) ? (
          <form method="post" action={`${base}/veroeffentlichung`}>
            <CsrfField principal={principal} />
            <p class="kern-body">
              Mit der Veröffentlichung wird die Drucksachen-Nr. unveränderlich und die Vorlage lässt sich
              nicht mehr ändern.
            </p>
            <SubmitButton label="Veröffentlichen" kind="secondary" />
          </form>
        ) : (
          <Why>Veröffentlichen dürfen die Leitung und die Sachbearbeitung.</Why>
        )
      ) : vorlage.status === 'entwurf' ? (
        <Why>Veröffentlichen lässt sich eine Vorlage erst nach der Freigabe.</Why>
      ) : vorlage.veroeffentlichtAm ? (
        <p class="kern-body">Veröffentlicht am {dateTimeDe(vorlage.veroeffentlichtAm)}.</p>
      ) : null}
    </Section>
  );
}

/** One Vorlage: its number and state, Freigabe and Veröffentlichung, and the editor while it may change. */
export function VorlagePage(props: {
  frame: PageFrame;
  vorlage: Vorlage;
  values: VorlageFormValues;
  errors: FieldErrors;
  flash?: FlashMessage | null;
  gremien: Gremium[];
  orgUnits: OrgUnitOption[];
  anlagen: Array<{ id: string; dokumentId: string; titel: string; oeffentlich: boolean }>;
}) {
  const { frame, vorlage } = props;
  const { principal } = frame;
  const editable = vorlage.status === 'entwurf' || vorlage.status === 'freigegeben';
  const oe = props.orgUnits.find((o) => o.id === vorlage.federfuehrendeOeId);
  return (
    <GremienLayout
      frame={frame}
      tab="vorlagen"
      title={`Vorlage ${vorlage.drucksachenNr}`}
      subline={
        <>
          {vorlageArtLabels[vorlage.art] ?? vorlage.art} · <VorlageStatusBadge status={vorlage.status} />
          {vorlage.oeffentlich ? null : (
            <>
              {' '}
              · <Badge kind="danger">nichtöffentlich</Badge>
            </>
          )}
        </>
      }
      flash={props.flash}
    >
      <p class="kern-body">
        <a class="kern-link" href="/vorlagen">
          Zurück zu den Vorlagen
        </a>
        {' · '}
        <a class="kern-link" href={`/api/v1/vorlagen/${vorlage.id}/pdf`}>
          Vorlage als PDF (Layout der Beschlussvorlage)
        </a>
      </p>
      <Facts
        rows={[
          ['Drucksachen-Nr.', vorlage.drucksachenNr],
          ['Betreff', vorlage.betreff],
          ['Stand', vorlageStatusLabels[vorlage.status] ?? vorlage.status],
          ['Einreicher', vorlage.einreicher ?? '–'],
          ['Federführend', oe ? `${oe.kuerzel} – ${oe.name}` : '–'],
          ['Einreichung', dateDe(vorlage.einreichung)],
          [
            'Beratungsfolge',
            vorlage.beratungsfolge.length === 0
              ? '–'
              : vorlage.beratungsfolge
                  .map(
                    (b) =>
                      `${b.gremium} (${zustaendigkeitLabels[b.zustaendigkeit] ?? b.zustaendigkeit}${b.datum ? `, ${dateDe(b.datum)}` : ''})`,
                  )
                  .join(' → '),
          ],
        ]}
      />
      <Section id="anlagen" title={`Anlagen (${props.anlagen.length})`}>
        {props.anlagen.length === 0 ? (
          <p class="kern-body">Keine Anlagen.</p>
        ) : (
          <ol class="kern-list">
            {props.anlagen.map((a) => (
              <li>
                <a class="kern-link" href={`/dokumente/${a.dokumentId}`}>
                  {a.titel}
                </a>
                {a.oeffentlich ? '' : ' (nichtöffentlich)'}
              </li>
            ))}
          </ol>
        )}
        {vorlage.akteId ? (
          <p class="kern-body">
            Die Vorlage und ihre Anlagen liegen in der{' '}
            <a class="kern-link" href={`/akten/${vorlage.akteId}`}>
              Akte der Vorlage in der E-Akte
            </a>
            .
          </p>
        ) : null}
        <AnlageHochladen principal={principal} vorlage={vorlage} editable={editable} />
      </Section>
      <Ablauf principal={principal} vorlage={vorlage} />
      <Section id="bearbeiten" title="Vorlage bearbeiten">
        {!editable ? (
          <Why>Eine {vorlageStatusLabels[vorlage.status]}e Vorlage lässt sich nicht mehr ändern.</Why>
        ) : !may.edit(principal) ? (
          <Why>Ändern dürfen die Sachbearbeitung, die Leitung und die Kreis-Administration.</Why>
        ) : (
          <>
            {vorlage.status === 'freigegeben' ? (
              <Why>Eine Änderung hebt die Freigabe auf; danach muss die Leitung erneut freigeben.</Why>
            ) : null}
            <VorlageForm
              principal={principal}
              action={`/vorlagen/${vorlage.id}`}
              submitLabel="Änderungen speichern"
              values={props.values}
              errors={props.errors}
              gremien={props.gremien}
              orgUnits={props.orgUnits}
            />
          </>
        )}
      </Section>
      {editable ? null : (
        <Section id="text" title="Beschlussvorschlag und Begründung">
          <h3 class="kern-heading-small">Beschlussvorschlag</h3>
          <p class="kern-body vb-text">{vorlage.beschlussvorschlag ?? '–'}</p>
          <h3 class="kern-heading-small">Begründung</h3>
          <p class="kern-body vb-text">{vorlage.begruendung ?? '–'}</p>
        </Section>
      )}
    </GremienLayout>
  );
}
