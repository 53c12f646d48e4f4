import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { ErrorSummary, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import { dateTimeDe } from '../../../platform/ui/format.ts';
import type { PageFrame } from '../../../platform/ui/page-frame.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { ImapPostfachUsecases } from '../mail/imap.usecases.ts';
import type { MailEingangUsecases } from '../mail/mail.usecases.ts';
import type { EingangFormValues, Errors, ImapFormValues } from './mail.form.ts';
import {
  AkteFields,
  AktivBadge,
  CheckBox,
  DokumentLink,
  FormSection,
  OutcomeBadge,
  outcomeOf,
  PosteingangLayout,
  TextArea,
} from './posteingang-ui.kit.tsx';

type Eingang = Awaited<ReturnType<MailEingangUsecases['get']>>;
type EingangKurz = Awaited<ReturnType<MailEingangUsecases['list']>>[number];
type ImapStatus = Awaited<ReturnType<ImapPostfachUsecases['get']>>;
export type SmtpInfo = { host?: string; port: number } | null;

const summaryOf = (errors: Record<string, string | undefined>) =>
  Object.entries(errors).map(([field, message]) => ({ field, message: message! }));

/** How mail reaches the county: the product's SMTP listener (if switched on) or IMAP polling. */
const SmtpHinweis = ({ smtp }: { smtp: SmtpInfo }) => (
  <p class="kern-body">
    {smtp
      ? `SMTP-Empfänger des Workers: Port ${smtp.port}. Nachrichten an eine Eingangsadresse werden erst nach dem sicheren Speichern angenommen (250); unbekannte Empfänger und fremde Absender erhalten 550.`
      : 'Der SMTP-Empfänger ist nicht eingeschaltet (VERBUND_MAIL_EINGANG_PORT). Eingangsadressen können ihre Post dann per IMAP-Abruf holen.'}
  </p>
);

/** The county's intake addresses and the form that sets one up. */
export function MailListePage({
  frame,
  eingaenge,
  smtp,
  orgUnits,
  values,
  errors,
}: {
  frame: PageFrame;
  eingaenge: EingangKurz[];
  smtp: SmtpInfo;
  orgUnits: Array<{ kuerzel: string; name: string }>;
  values: EingangFormValues;
  errors: Errors<EingangFormValues>;
}) {
  return (
    <PosteingangLayout frame={frame} tab="mail" title="E-Mail-Eingang">
      <SmtpHinweis smtp={smtp} />
      {eingaenge.length === 0 ? (
        <p class="kern-body">Noch keine Eingangsadresse eingerichtet.</p>
      ) : (
        <Table
          caption="Eingangsadressen des Landkreises"
          head={['Adresse', 'Name', 'OE', 'Absender', 'Zustand']}
        >
          {eingaenge.map((e) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`/posteingang/mail/${e.id}`}>
                  {e.adresse}
                </a>
              </Td>
              <Td>{e.name}</Td>
              <Td>{e.oe ?? '–'}</Td>
              <Td>{e.absender.length ? e.absender.join(', ') : 'alle'}</Td>
              <Td>
                <AktivBadge aktiv={e.aktiv} />
              </Td>
            </Tr>
          ))}
        </Table>
      )}
      <FormSection
        id="neu"
        title="Eingangsadresse einrichten"
        action="/posteingang/mail"
        principal={frame.principal}
        errors={errors}
        submit="Einrichten"
      >
        <TextField
          id="adresse"
          label="Adresse"
          type="email"
          value={values.adresse}
          error={errors.adresse}
          required
        />
        <TextField id="name" label="Name" value={values.name} error={errors.name} required />
        <AkteFields
          akte="E-Mail-Eingang <Name>"
          aktenplan={values.aktenplan}
          oe={values.oe}
          errors={errors}
          orgUnits={orgUnits}
        />
        <TextArea
          id="absender"
          label="Zugelassene Absender (optional)"
          value={values.absender}
          error={errors.absender}
          hint="Adressen oder @domain, je Zeile eine; leer: alle Absender."
        />
      </FormSection>
    </PosteingangLayout>
  );
}

/** One intake address: settings, IMAP mailbox (set here), and the messages taken in last. */
export function MailPage({
  frame,
  eingang: e,
  imap,
  smtp,
  values,
  errors,
}: {
  frame: PageFrame;
  eingang: Eingang;
  imap: ImapStatus | null;
  smtp: SmtpInfo;
  values: ImapFormValues;
  errors: Errors<ImapFormValues>;
}) {
  return (
    <PosteingangLayout frame={frame} tab="mail" title={`E-Mail-Eingang ${e.adresse}`}>
      <Facts
        rows={[
          ['Name', e.name],
          ['Organisationseinheit', e.oe ?? '–'],
          ['Zugelassene Absender', e.absender.length ? e.absender.join(', ') : 'alle'],
          ['Akte', <a class="kern-link" href={`/akten/${e.akteId}`}>{`E-Mail-Eingang ${e.name}`}</a>],
          ['Zustand', <AktivBadge aktiv={e.aktiv} />],
        ]}
      />
      <SmtpHinweis smtp={smtp} />
      <h2 class="kern-heading-medium" id="nachrichten">
        Zuletzt eingegangene Nachrichten
      </h2>
      {e.nachrichten.length === 0 ? (
        <p class="kern-body">Über diese Adresse ist noch keine Nachricht eingegangen.</p>
      ) : (
        <Table labelledBy="nachrichten" head={['Zeitpunkt', 'Message-ID', 'Ergebnis', 'Dokument']}>
          {e.nachrichten.map((n) => (
            <Tr>
              <Td>{dateTimeDe(n.zeitpunkt)}</Td>
              <Td>{n.messageId ?? '–'}</Td>
              <Td>
                <OutcomeBadge status={outcomeOf(n.status, null)} />
              </Td>
              <Td>
                <DokumentLink id={n.dokumentId} />
              </Td>
            </Tr>
          ))}
        </Table>
      )}
      <section aria-labelledby="imap" class="vb-section">
        <h2 class="kern-heading-medium" id="imap">
          IMAP-Abruf
        </h2>
        {imap ? (
          <Facts
            rows={[
              ['Server', `${imap.host}:${imap.port}${imap.tls ? ' (TLS)' : ' (ohne TLS)'}`],
              ['Benutzer', imap.benutzer],
              [
                'Ordner',
                `${imap.ordner}${imap.zielOrdner ? ` → nach der Ablage in „${imap.zielOrdner}“` : ' (abgelegte Nachrichten werden markiert)'}`,
              ],
              ['Letzter Abruf', imap.letzterAbruf ? dateTimeDe(imap.letzterAbruf) : 'noch keiner'],
              ['Zuletzt übernommene UID', `${imap.letzteUid} (UIDVALIDITY ${imap.uidvalidity ?? '–'})`],
              ['Letzter Fehler', imap.letzterFehler ?? 'keiner'],
            ]}
          />
        ) : (
          <p class="kern-body">Für diese Adresse ist kein IMAP-Postfach eingerichtet.</p>
        )}
        <ErrorSummary errors={summaryOf(errors)} />
        <form method="post" action={`/posteingang/mail/${e.id}/imap`} novalidate>
          <CsrfField principal={frame.principal} />
          <TextField id="host" label="IMAP-Server" value={values.host} error={errors.host} required />
          <TextField id="port" label="Port" value={values.port} error={errors.port} required />
          <CheckBox id="tls" label="TLS verwenden" checked={values.tls} />
          <TextField
            id="benutzer"
            label="Benutzer"
            value={values.benutzer}
            error={errors.benutzer}
            required
          />
          <TextField
            id="passwort"
            label="Passwort"
            type="password"
            error={errors.passwort}
            hint="Wird bei jedem Speichern neu gesetzt und nie angezeigt."
            autocomplete="new-password"
            required
          />
          <TextField id="ordner" label="Ordner" value={values.ordner} error={errors.ordner} />
          <TextField
            id="zielOrdner"
            label="Zielordner nach der Ablage (optional)"
            value={values.zielOrdner}
            hint="Leer: abgelegte Nachrichten bleiben im Ordner und werden markiert."
          />
          <SubmitButton label="IMAP-Postfach speichern" />
        </form>
      </section>
    </PosteingangLayout>
  );
}
