import { z } from 'zod';

// The forms of e-mail intake: an intake address and its IMAP mailbox, read and checked with German
// errors at their fields (the same limits as the API's schemas in mail.routes.ts and imap.routes.ts).

export type EingangFormValues = {
  adresse: string;
  name: string;
  aktenplan: string;
  oe: string;
  absender: string;
};
export type ImapFormValues = {
  host: string;
  port: string;
  tls: boolean;
  benutzer: string;
  passwort: string;
  ordner: string;
  zielOrdner: string;
};
export type Errors<T> = Partial<Record<keyof T | 'allgemein', string>>;

const SENDER = /^([^@\s]+)?@[^@\s]+$/;

/** The intake address as the use-case takes it, or the errors. */
export function readEingangForm(v: EingangFormValues) {
  const errors: Errors<EingangFormValues> = {};
  if (!z.string().email().max(320).safeParse(v.adresse).success)
    errors.adresse = 'Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. poststelle@landkreis.example.';
  if (!v.name || v.name.length > 200) errors.name = 'Bitte geben Sie einen Namen an (höchstens 200 Zeichen).';
  if (v.aktenplan.length > 50) errors.aktenplan = 'Das Kennzeichen hat höchstens 50 Zeichen.';
  const absender = v.absender
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = absender.filter((s) => !SENDER.test(s) || s.length > 320);
  if (bad.length)
    errors.absender = `Keine Adresse und keine @domain: ${bad.slice(0, 5).join(', ')}. Erlaubt sind z. B. „buerger@web.de“ oder „@example.org“.`;
  else if (absender.length > 500) errors.absender = 'Höchstens 500 Absender.';
  return {
    input: {
      adresse: v.adresse,
      name: v.name,
      ...(v.aktenplan ? { aktenplan: v.aktenplan } : {}),
      ...(v.oe ? { oe: v.oe } : {}),
      absender,
    },
    errors,
  };
}

/** The IMAP mailbox as the use-case takes it, or the errors. */
export function readImapForm(v: ImapFormValues) {
  const errors: Errors<ImapFormValues> = {};
  if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(v.host))
    errors.host = 'Bitte geben Sie den Hostnamen oder die IP-Adresse des IMAP-Servers an.';
  const port = /^\d{1,5}$/.test(v.port) ? Number(v.port) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) errors.port = 'Der Port ist eine Zahl von 1 bis 65535 (meist 993).';
  if (!v.benutzer || v.benutzer.length > 320) errors.benutzer = 'Bitte geben Sie den Benutzernamen an.';
  if (!v.passwort || v.passwort.length > 1000)
    errors.passwort =
      'Bitte geben Sie das Passwort an (es wird bei jedem Speichern neu gesetzt und nie angezeigt).';
  if (v.ordner.length > 500 || v.zielOrdner.length > 500)
    errors.ordner = 'Ordnernamen haben höchstens 500 Zeichen.';
  return {
    input: {
      host: v.host,
      port,
      tls: v.tls,
      benutzer: v.benutzer,
      passwort: v.passwort,
      ordner: v.ordner || 'INBOX',
      zielOrdner: v.zielOrdner || null,
    },
    errors,
  };
}
