import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { Card } from '../../../platform/ui/card.tsx';
import { SelectField } from '../../../platform/ui/components.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageBase } from '../records.components.tsx';
import type { Vorgang } from '../vorgaenge/vorgaenge.models.ts';

type NeuesDokument = {
  id: string;
  titel: string;
  datum: string;
  vorgangId: string;
  betreff: string;
  aktenzeichen: string;
};

export type PostkorbView = {
  neueVorgaenge: Vorgang[];
  neueDokumente: NeuesDokument[];
  wiedervorlagen: Vorgang[];
  fristen: Vorgang[];
};

/** What is new and due for the person and their organisational unit. */
export function PostkorbPage(props: PageBase & { bereich: string; postkorb: PostkorbView }) {
  const { principal, postkorb } = props;
  return (
    <Layout title="Postkorb" principal={principal} tenantName={props.tenantName} active="postkorb">
      <h1 class="kern-heading-large">Postkorb</h1>
      <form method="get" action="/postkorb" class="vb-filter" aria-label="Postkorb eingrenzen">
        <SelectField
          id="bereich"
          label="Anzeigen"
          value={props.bereich}
          options={[
            { value: 'alle', label: 'für mich und meine Organisationseinheit' },
            { value: 'person', label: 'nur mir zugewiesen' },
            { value: 'oe', label: 'meiner Organisationseinheit' },
          ]}
        />
        <SubmitButton label="Anzeigen" kind="secondary" />
      </form>
      <div class="vb-cards">
        <Card id="pk-vorgaenge" title={`Neue Vorgänge (${postkorb.neueVorgaenge.length})`}>
          <VorgangList items={postkorb.neueVorgaenge} empty="Keine neuen Vorgänge." />
        </Card>
        <Card id="pk-dokumente" title={`Neue Dokumente (${postkorb.neueDokumente.length})`}>
          {postkorb.neueDokumente.length === 0 ? (
            <p class="kern-body">Keine neuen Dokumente.</p>
          ) : (
            <ul class="kern-list">
              {postkorb.neueDokumente.map((d) => (
                <li>
                  <a class="kern-link" href={`/dokumente/${d.id}`}>
                    {d.titel}
                  </a>{' '}
                  <span class="vb-muted">· {d.betreff}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="pk-wv" title={`Fällige Wiedervorlagen (${postkorb.wiedervorlagen.length})`}>
          <VorgangList
            items={postkorb.wiedervorlagen}
            empty="Keine Wiedervorlagen fällig."
            date={(v) => v.wiedervorlage}
          />
        </Card>
        <Card id="pk-fristen" title={`Fristen in den nächsten 7 Tagen (${postkorb.fristen.length})`}>
          <VorgangList items={postkorb.fristen} empty="Keine Fristen in Sicht." date={(v) => v.frist} />
        </Card>
      </div>
    </Layout>
  );
}

const VorgangList = ({
  items,
  empty,
  date,
}: {
  items: Vorgang[];
  empty: string;
  date?: (v: Vorgang) => string | null;
}) =>
  items.length === 0 ? (
    <p class="kern-body">{empty}</p>
  ) : (
    <ul class="kern-list">
      {items.map((v) => (
        <li>
          <a class="kern-link" href={`/vorgaenge/${v.id}`}>
            {v.betreff}
          </a>{' '}
          <span class="vb-muted">
            · {v.aktenzeichen}
            {date ? ` · ${dateDe(date(v))}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
