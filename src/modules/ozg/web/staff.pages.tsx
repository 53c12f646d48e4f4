import type { Principal } from '../../../platform/http/principal.ts';
import { hasRole } from '../../../platform/http/principal.ts';
import { Alert } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { FormDefinition } from '../fim/form.models.ts';
import { ANTRAG_STATUS, type Leistung } from '../ozg.models.ts';
import { DataList } from './data-list.tsx';

type Base = {
  principal: Principal;
  tenantName: string;
  flash?: { kind: 'success' | 'danger'; text: string };
};

const when = (iso: string) =>
  new Date(iso).toLocaleString('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
const csrf = (p: Principal) => <input type="hidden" name="_csrf" value={p.csrfToken ?? ''} />;
const Flash = ({ flash }: { flash?: Base['flash'] }) =>
  flash ? (
    <Alert kind={flash.kind} title={flash.kind === 'success' ? 'Erledigt' : 'Das hat nicht geklappt'}>
      {flash.text}
    </Alert>
  ) : null;

type AntragRow = {
  id: string;
  nummer: string;
  leistung: { name: string };
  gemeinde: { name: string };
  statusText: string;
  status: string;
  eingang: string;
  vorgangId: string;
};

/** Staff overview: the county's Anträge, its services and their activation, and the FIM import. */
export function OnlinedienstePage(
  props: Base & {
    antraege: { items: AntragRow[]; total: number };
    status: string;
    leistungen: Leistung[];
    aktivierungen: Array<{
      leistungId: string;
      aktiv: boolean;
      kennzeichen: string | null;
      oe: string | null;
    }>;
    formulare: Array<{
      id: string;
      name: string;
      version: number;
      xdfVersion: string;
      warnungen: number;
      erzwungen: boolean;
    }>;
  },
) {
  const { principal } = props;
  const admin = hasRole(principal, 'kreis-admin', 'verbund-admin');
  return (
    <Layout title="Onlinedienste" principal={principal} tenantName={props.tenantName} active="onlinedienste">
      <h1 class="kern-heading-large">Onlinedienste</h1>
      <Flash flash={props.flash} />
      <section class="vb-section" aria-labelledby="antraege">
        <h2 class="kern-heading-medium" id="antraege">
          Anträge ({props.antraege.total})
        </h2>
        <form method="get" action="/onlinedienste" class="vb-filter">
          <div class="kern-form-input">
            <label class="kern-label" for="status">
              Status
            </label>
            <div class="kern-form-input__select-wrapper">
              <select class="kern-form-input__select" id="status" name="status">
                <option value="">alle</option>
                {Object.entries(ANTRAG_STATUS)
                  .filter(([k]) => k !== 'ruhend')
                  .map(([value, label]) => (
                    <option value={value} selected={value === props.status}>
                      {label}
                    </option>
                  ))}
              </select>
            </div>
          </div>
          <div>
            <button type="submit" class="kern-btn kern-btn--secondary">
              <span class="kern-label">Filtern</span>
            </button>
          </div>
        </form>
        {props.antraege.items.length === 0 ? (
          <p class="kern-body">Keine Anträge{props.status ? ' mit diesem Status' : ''}.</p>
        ) : (
          <table class="kern-table">
            <caption class="vb-caption">Eingegangene Anträge, neueste zuerst</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th class="kern-table__header" scope="col">
                  Nummer
                </th>
                <th class="kern-table__header" scope="col">
                  Leistung
                </th>
                <th class="kern-table__header" scope="col">
                  Gemeinde
                </th>
                <th class="kern-table__header" scope="col">
                  Eingang
                </th>
                <th class="kern-table__header" scope="col">
                  Status
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {props.antraege.items.map((a) => (
                <tr class="kern-table__row">
                  <td class="kern-table__cell">
                    <a class="kern-link" href={`/onlinedienste/antraege/${a.id}`}>
                      {a.nummer}
                    </a>
                  </td>
                  <td class="kern-table__cell">{a.leistung.name}</td>
                  <td class="kern-table__cell">{a.gemeinde.name}</td>
                  <td class="kern-table__cell">{when(a.eingang)}</td>
                  <td class="kern-table__cell">{a.statusText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="vb-section" aria-labelledby="leistungen">
        <h2 class="kern-heading-medium" id="leistungen">
          Leistungen des Verbunds
        </h2>
        <table class="kern-table">
          <caption class="vb-caption">Wer sie gebaut hat und wie sie hier abgelegt werden</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th class="kern-table__header" scope="col">
                Leistung
              </th>
              <th class="kern-table__header" scope="col">
                LeiKa
              </th>
              <th class="kern-table__header" scope="col">
                Reifegrad
              </th>
              <th class="kern-table__header" scope="col">
                Entwickelt von
              </th>
              <th class="kern-table__header" scope="col">
                Hier
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {props.leistungen.map((l) => {
              const a = props.aktivierungen.find((x) => x.leistungId === l.id);
              return (
                <tr class="kern-table__row">
                  <td class="kern-table__cell">
                    <a class="kern-link" href={`/portal/leistungen/${l.id}`}>
                      {l.name}
                    </a>
                  </td>
                  <td class="kern-table__cell">
                    {l.leika}
                    {l.leikaPlatzhalter ? ' (Platzhalter)' : ''}
                  </td>
                  <td class="kern-table__cell">{l.reifegrad}</td>
                  <td class="kern-table__cell">{l.ownerName}</td>
                  <td class="kern-table__cell">
                    {a?.aktiv
                      ? `aktiv · Aktenplan ${a.kennzeichen}${a.oe ? ` · ${a.oe}` : ''}`
                      : 'nicht aktiv'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section class="vb-section" aria-labelledby="formulare">
        <h2 class="kern-heading-medium" id="formulare">
          Formulare (FIM)
        </h2>
        <ul class="kern-list">
          {props.formulare.map((f) => (
            <li>
              {f.name} ({f.id}, Version {f.version}, XDatenfelder {f.xdfVersion})
              {f.warnungen > 0 ? ` · ${f.warnungen} Warnung${f.warnungen === 1 ? '' : 'en'}` : ''}
              {f.erzwungen ? ' · trotz XSD-Abweichung übernommen' : ''}
            </li>
          ))}
        </ul>
        {admin ? (
          <form
            method="post"
            action={`/onlinedienste/formulare?_csrf=${encodeURIComponent(principal.csrfToken ?? '')}`}
            enctype="multipart/form-data"
          >
            <div class="kern-stack">
              <div class="kern-form-input">
                <label class="kern-label" for="datei">
                  Stammdatenschema (XML) mit Codelisten oder als ZIP
                </label>
                <input
                  class="kern-form-input__input"
                  id="datei"
                  name="datei"
                  type="file"
                  multiple
                  accept=".xml,.zip"
                />
              </div>
              <div class="kern-form-check">
                <input
                  class="kern-form-check__checkbox"
                  type="checkbox"
                  id="force"
                  name="force"
                  value="true"
                />
                <label class="kern-label" for="force">
                  Trotz XSD-Abweichung übernehmen (Abweichungen werden als Warnungen gespeichert)
                </label>
              </div>
              <div>
                <button type="submit" class="kern-btn kern-btn--primary">
                  <span class="kern-label">Formular importieren</span>
                </button>
              </div>
            </div>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}

export function AntragPage(
  props: Base & {
    antrag: {
      id: string;
      nummer: string;
      status: string;
      statusText: string;
      eingang: string;
      vorgangId: string;
      leistung: { name: string; leika: string };
      gemeinde: { name: string; ags: string };
      daten: Record<string, unknown>;
      anlagen: Array<{ dateiname: string; dokumentId: string; groesse: number }>;
      nachrichten: Array<{ art: string; text: string; zeit: string }>;
      formular: { id: string; version: number } | null;
    };
    definition: FormDefinition | null;
    dokumente: Array<{ id: string; titel: string }>;
  },
) {
  const { principal, antrag } = props;
  return (
    <Layout
      title={`Antrag ${antrag.nummer}`}
      principal={principal}
      tenantName={props.tenantName}
      active="onlinedienste"
    >
      <p class="kern-body kern-body--small">
        <a class="kern-link" href="/onlinedienste">
          Onlinedienste
        </a>{' '}
        ·{' '}
        <a class="kern-link" href={`/vorgaenge/${antrag.vorgangId}`}>
          Vorgang in der E-Akte
        </a>
      </p>
      <h1 class="kern-heading-large">
        Antrag {antrag.nummer}: {antrag.leistung.name}
      </h1>
      <Flash flash={props.flash} />
      <dl class="vb-facts">
        <dt>Status</dt>
        <dd>{antrag.statusText}</dd>
        <dt>Eingang</dt>
        <dd>{when(antrag.eingang)}</dd>
        <dt>Gemeinde</dt>
        <dd>
          {antrag.gemeinde.name} ({antrag.gemeinde.ags})
        </dd>
        <dt>Formular</dt>
        <dd>{antrag.formular ? `${antrag.formular.id}, Version ${antrag.formular.version}` : '–'}</dd>
      </dl>
      <section class="vb-section">
        <h2 class="kern-heading-medium">Angaben</h2>
        <DataList nodes={props.definition?.children ?? []} daten={antrag.daten} />
      </section>
      <section class="vb-section">
        <h2 class="kern-heading-medium">Anlagen</h2>
        <ul class="kern-list">
          {antrag.anlagen.map((a) => (
            <li>
              <a class="kern-link" href={`/dokumente/${a.dokumentId}`}>
                {a.dateiname}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section class="vb-section" aria-labelledby="bearbeiten">
        <h2 class="kern-heading-medium" id="bearbeiten">
          Bearbeiten
        </h2>
        <form method="post" action={`/onlinedienste/antraege/${antrag.id}/status`}>
          {csrf(principal)}
          <div class="kern-stack">
            <div class="kern-form-input">
              <label class="kern-label" for="neuer-status">
                Neuer Status
              </label>
              <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id="neuer-status" name="status">
                  {[
                    'in-bearbeitung',
                    'nachforderung',
                    'beschieden',
                    'abgelehnt',
                    'zurueckgezogen',
                    'abgeschlossen',
                  ].map((s) => (
                    <option value={s}>{ANTRAG_STATUS[s]}</option>
                  ))}
                </select>
              </div>
            </div>
            <div class="kern-form-input">
              <label class="kern-label" for="nachricht">
                Nachricht an die antragstellende Person
              </label>
              <div class="kern-hint" id="nachricht-hint">
                Bei einer Nachforderung Pflicht: welche Unterlagen fehlen.
              </div>
              <textarea
                class="kern-form-input__input"
                id="nachricht"
                name="nachricht"
                rows={3}
                aria-describedby="nachricht-hint"
              ></textarea>
            </div>
            <div class="kern-form-input">
              <label class="kern-label" for="bescheid">
                Bescheid freigeben (Dokument des Vorgangs)
              </label>
              <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id="bescheid" name="bescheidDokumentId">
                  <option value="">kein Bescheid</option>
                  {props.dokumente.map((d) => (
                    <option value={d.id}>{d.titel}</option>
                  ))}
                </select>
              </div>
            </div>
            <div>
              <button type="submit" class="kern-btn kern-btn--primary">
                <span class="kern-label">Status setzen</span>
              </button>
            </div>
          </div>
        </form>
      </section>
      <section class="vb-section">
        <h2 class="kern-heading-medium">Verlauf für die antragstellende Person</h2>
        <ol class="kern-list">
          {antrag.nachrichten.map((n) => (
            <li>
              {when(n.zeit)}: {n.text}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
