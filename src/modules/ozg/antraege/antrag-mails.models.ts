import { statusText } from './antraege.models.ts';

// The e-mail notices to the applicant (sent by the mail job, only when SMTP is configured).

/** The citizen's notice of a status change, sent by e-mail. */
export function statusMail(input: {
  nummer: string;
  status: string;
  citizenText: string;
  bescheid: boolean;
  nachforderung: boolean;
}) {
  return {
    subject: `Ihr Antrag ${input.nummer}: ${statusText(input.status)}`,
    text: `Guten Tag,\n\n${input.citizenText}\n${input.bescheid ? '\nIhr Bescheid steht im Bürgerportal zum Abruf bereit.\n' : ''}${input.nachforderung ? '\nBitte laden Sie die Unterlagen im Bürgerportal mit Ihrem Vorgangscode hoch.\n' : ''}\nAntragsnummer: ${input.nummer}\n\nDiese Nachricht wurde automatisch erstellt.`,
  };
}

/** The citizen's receipt, sent by e-mail after the Antrag committed. */
export function receiptMail(input: { to: string; nummer: string; leistung: string; zustaendig: string }) {
  return {
    to: input.to,
    subject: `Eingangsbestätigung ${input.nummer}`,
    text: `Guten Tag,\n\nIhr Antrag „${input.leistung}“ ist bei ${input.zustaendig} eingegangen.\nAntragsnummer: ${input.nummer}\n\nDen Stand können Sie im Bürgerportal mit Ihrem Vorgangscode abrufen.\n\nDiese Nachricht wurde automatisch erstellt.`,
  };
}
