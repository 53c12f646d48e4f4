import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { SelectField, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { Gremium } from '../gremien/gremien.usecases.ts';
import { Checkbox, GremienLayout, may, type PageFrame, Section, Why } from './gremien-ui.kit.tsx';
import { gremiumArtLabels, optionsOf, personName, rolleLabels } from './gremien-ui.labels.ts';
import type { Mitglied } from './gremien-ui.types.ts';

type Wahlperiode = { id: string; name: string; beginn: string; ende: string | null };
type Person = { id: string; familienname: string; vorname: string | null; titel: string | null };

const ADMIN_ONLY = 'Das pflegen die Kreis-Administration und die Leitung.';

function NeuesGremium({ principal }: { principal: Principal }) {
  return (
    <Section id="gremium-neu" title="Gremium anlegen">
      <form method="post" action="/gremien" class="kern-stack">
        <CsrfField principal={principal} />
        <TextField id="name" label="Name" />
        <TextField
          id="kuerzel"
          label="Kürzel"
          hint="Großbuchstabe, dann bis zu 11 Buchstaben oder Ziffern, z. B. KT"
        />
        <SelectField id="art" label="Art" options={optionsOf(gremiumArtLabels)} />
        <TextField id="sitze" label="Sitze mit Stimmrecht (optional)" type="number" />
        <div>
          <SubmitButton label="Gremium anlegen" />
        </div>
      </form>
    </Section>
  );
}

function NeueWahlperiode({ principal }: { principal: Principal }) {
  return (
    <Section id="wahlperiode-neu" title="Wahlperiode anlegen">
      <form method="post" action="/gremien/wahlperioden" class="kern-stack">
        <CsrfField principal={principal} />
        <TextField id="wp-name" name="name" label="Bezeichnung" hint="z. B. 2019–2024" />
        <TextField id="wp-beginn" name="beginn" label="Beginn" type="date" />
        <TextField id="wp-ende" name="ende" label="Ende (optional)" type="date" />
        <div>
          <SubmitButton label="Wahlperiode anlegen" kind="secondary" />
        </div>
      </form>
    </Section>
  );
}

/** The county's Gremien and Wahlperioden. */
export function GremienPage(props: { frame: PageFrame; gremien: Gremium[]; wahlperioden: Wahlperiode[] }) {
  const { frame } = props;
  const admin = may.administer(frame.principal);
  return (
    <GremienLayout frame={frame} tab="gremien" title="Gremien">
      {props.gremien.length === 0 ? (
        <p class="kern-body">Noch keine Gremien angelegt.</p>
      ) : (
        <Table
          caption="Gremien des Landkreises"
          head={['Gremium', 'Kürzel', 'Art', { label: 'Sitze', numeric: true }]}
        >
          {props.gremien.map((g) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`/gremien/${g.id}`}>
                  {g.name}
                </a>
              </Td>
              <Td>{g.kuerzel}</Td>
              <Td>{gremiumArtLabels[g.art] ?? g.art}</Td>
              <Td>{g.sitze ?? '–'}</Td>
            </Tr>
          ))}
        </Table>
      )}
      <Section id="wahlperioden" title="Wahlperioden">
        {props.wahlperioden.length === 0 ? (
          <p class="kern-body">Noch keine Wahlperioden.</p>
        ) : (
          <ul class="kern-list">
            {props.wahlperioden.map((w) => (
              <li>
                {w.name}: {dateDe(w.beginn)} bis {w.ende ? dateDe(w.ende) : 'offen'}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {admin ? (
        <>
          <NeuesGremium principal={frame.principal} />
          <NeueWahlperiode principal={frame.principal} />
        </>
      ) : (
        <Why>Gremien und Wahlperioden anlegen: {ADMIN_ONLY}</Why>
      )}
    </GremienLayout>
  );
}

function NeuesMitglied(props: {
  principal: Principal;
  gremium: Gremium;
  personen: Person[];
  wahlperioden: Wahlperiode[];
}) {
  return (
    <Section id="mitglied-neu" title="Mitglied eintragen">
      <form method="post" action={`/gremien/${props.gremium.id}/mitglieder`} class="kern-stack">
        <CsrfField principal={props.principal} />
        <SelectField
          id="personId"
          label="Person"
          options={[
            { value: '', label: '– neue Person (Felder darunter) –' },
            ...props.personen.map((p) => ({ value: p.id, label: personName(p) })),
          ]}
        />
        <TextField id="familienname" label="Familienname (neue Person)" />
        <TextField id="vorname" label="Vorname (neue Person)" />
        <TextField id="titel" label="Titel (neue Person, optional)" hint="z. B. Dr." />
        <SelectField
          id="wahlperiodeId"
          label="Wahlperiode"
          options={[
            { value: '', label: '– keine –' },
            ...props.wahlperioden.map((w) => ({ value: w.id, label: w.name })),
          ]}
        />
        <SelectField id="rolle" label="Rolle" value="mitglied" options={optionsOf(rolleLabels)} />
        <TextField id="fraktion" label="Fraktion (optional)" />
        <Checkbox id="stimmberechtigt" label="mit Stimmrecht" checked />
        <TextField id="von" label="Mitglied von" type="date" />
        <TextField id="bis" label="Mitglied bis (optional)" type="date" />
        <div>
          <SubmitButton label="Mitglied eintragen" />
        </div>
      </form>
    </Section>
  );
}

/** One Gremium: its seats, members per Wahlperiode, and the form for a new member. */
export function GremiumPage(props: {
  frame: PageFrame;
  gremium: Gremium;
  mitglieder: Mitglied[];
  personen: Person[];
  wahlperioden: Wahlperiode[];
}) {
  const { frame, gremium } = props;
  const groups = new Map<string, Mitglied[]>();
  for (const m of props.mitglieder) {
    const key = m.wahlperiode ?? 'ohne Wahlperiode';
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return (
    <GremienLayout
      frame={frame}
      tab="gremien"
      title={gremium.name}
      subline={`${gremiumArtLabels[gremium.art] ?? gremium.art} · ${gremium.kuerzel}`}
    >
      <p class="kern-body">
        <a class="kern-link" href="/gremien">
          Zurück zu den Gremien
        </a>
        {' · '}
        <a class="kern-link" href={`/sitzungen?gremium=${gremium.id}`}>
          Sitzungen dieses Gremiums
        </a>
      </p>
      <Facts
        rows={[
          ['Kürzel', gremium.kuerzel],
          ['Sitze mit Stimmrecht', gremium.sitze?.toString() ?? 'nicht begrenzt'],
        ]}
      />
      {groups.size === 0 ? <p class="kern-body">Noch keine Mitglieder.</p> : null}
      {[...groups].map(([name, members], i) => (
        <Section id={`wp-${i}`} title={`Mitglieder – Wahlperiode ${name}`}>
          <Table labelledBy={`wp-${i}`} head={['Name', 'Rolle', 'Fraktion', 'Stimmrecht', 'von', 'bis']}>
            {members.map((m) => (
              <Tr>
                <Td>{personName(m.person)}</Td>
                <Td>{rolleLabels[m.rolle] ?? m.rolle}</Td>
                <Td>{m.fraktion ?? '–'}</Td>
                <Td>{m.stimmberechtigt ? 'ja' : 'nein'}</Td>
                <Td>{dateDe(m.von)}</Td>
                <Td>{dateDe(m.bis)}</Td>
              </Tr>
            ))}
          </Table>
        </Section>
      ))}
      {may.administer(frame.principal) ? (
        <NeuesMitglied
          principal={frame.principal}
          gremium={gremium}
          personen={props.personen}
          wahlperioden={props.wahlperioden}
        />
      ) : (
        <Why>Mitglieder eintragen: {ADMIN_ONLY}</Why>
      )}
    </GremienLayout>
  );
}
