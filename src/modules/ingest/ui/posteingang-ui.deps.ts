import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { MemberNames } from '../../../platform/ui/page-frame.ts';
import type { RecordsModule } from '../../records/records.module.ts';
import type { AblagevorschlagUsecases } from '../ablagevorschlag/ablagevorschlag.usecases.ts';
import type { EingangsordnerUsecases } from '../eingangsordner/eingangsordner.usecases.ts';
import type { ImportUsecases } from '../import/import.usecases.ts';
import type { ImapPostfachUsecases } from '../mail/imap.usecases.ts';
import type { MailEingangUsecases } from '../mail/mail.usecases.ts';

/**
 * What the pages of the Posteingang use, given by the composition root. The E-Akte comes in as a
 * type only (records uses ingest; a value import here would close a cycle): its use-cases check
 * visibility and write the changes the user confirms.
 */
export type PosteingangPagesDeps = {
  database: DatabaseHandle;
  config: {
    intake: { importRoot: string; eingangRoot: string; smtp: { host?: string; port: number } | null };
  };
  verbund: MemberNames;
  identity: {
    listOrgUnits(input: { tenantId: string }): Promise<Array<{ id: string; kuerzel: string; name: string }>>;
  };
  records: Pick<RecordsModule, 'dokumente' | 'aktenplan' | 'vorgaenge'>;
  importe: ImportUsecases;
  eingangsordner: EingangsordnerUsecases;
  mailEingaenge: MailEingangUsecases;
  imapPostfaecher: ImapPostfachUsecases;
  ablagevorschlaege: AblagevorschlagUsecases;
};
