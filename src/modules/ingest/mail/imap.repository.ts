import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

// All SQL of IMAP polling: the mailbox of an intake and its UIDVALIDITY/UID state.

export type ImapPostfach = {
  eingangId: string;
  host: string;
  port: number;
  tls: boolean;
  benutzer: string;
  passwort: string;
  ordner: string;
  zielOrdner: string | null;
  uidvalidity: bigint | null;
  letzteUid: number;
};

type Row = {
  eingang_id: string;
  host: string;
  port: number;
  tls: boolean;
  benutzer: string;
  passwort: string;
  ordner: string;
  ziel_ordner: string | null;
  uidvalidity: string | null;
  letzte_uid: string;
};

const toPostfach = (r: Row): ImapPostfach => ({
  eingangId: r.eingang_id,
  host: r.host,
  port: r.port,
  tls: r.tls,
  benutzer: r.benutzer,
  passwort: r.passwort,
  ordner: r.ordner,
  zielOrdner: r.ziel_ordner,
  uidvalidity: r.uidvalidity === null ? null : BigInt(r.uidvalidity),
  letzteUid: Number(r.letzte_uid),
});

export type ImapPostfachInput = Omit<ImapPostfach, 'uidvalidity' | 'letzteUid'>;

/** Sets the mailbox of an intake (a changed host, user or folder starts over at UID 0). */
export async function upsertImapPostfach(trx: TenantTrx, p: ImapPostfachInput) {
  await sql`insert into mail_imap_postfaecher (tenant_id, eingang_id, host, port, tls, benutzer, passwort, ordner, ziel_ordner)
    values (${trx.tenantId}, ${p.eingangId}::uuid, ${p.host}, ${p.port}, ${p.tls}, ${p.benutzer}, ${p.passwort},
            ${p.ordner}, ${p.zielOrdner})
    on conflict (tenant_id, eingang_id) do update set host = excluded.host, port = excluded.port, tls = excluded.tls,
      benutzer = excluded.benutzer, passwort = excluded.passwort, ordner = excluded.ordner,
      ziel_ordner = excluded.ziel_ordner, aktiv = true,
      uidvalidity = case when (mail_imap_postfaecher.host, mail_imap_postfaecher.benutzer, mail_imap_postfaecher.ordner)
        = (excluded.host, excluded.benutzer, excluded.ordner) then mail_imap_postfaecher.uidvalidity end,
      letzte_uid = case when (mail_imap_postfaecher.host, mail_imap_postfaecher.benutzer, mail_imap_postfaecher.ordner)
        = (excluded.host, excluded.benutzer, excluded.ordner) then mail_imap_postfaecher.letzte_uid else 0 end`.execute(
    trx,
  );
}

/** The active mailboxes of the county whose intake address is active. */
export async function listActivePostfaecher(trx: TenantTrx) {
  const { rows } =
    await sql<Row>`select p.eingang_id, p.host, p.port, p.tls, p.benutzer, p.passwort, p.ordner,
      p.ziel_ordner, p.uidvalidity, p.letzte_uid
    from mail_imap_postfaecher p join mail_eingaenge e on e.tenant_id = p.tenant_id and e.id = p.eingang_id
    where p.aktiv and e.aktiv order by p.eingang_id`.execute(trx);
  return rows.map(toPostfach);
}

/** Records the UID taken last (only ever forward under the same UIDVALIDITY). */
export async function recordImapState(
  trx: TenantTrx,
  s: { eingangId: string; uidvalidity: bigint; letzteUid: number; fehler: string | null },
) {
  await sql`update mail_imap_postfaecher set uidvalidity = ${s.uidvalidity.toString()}::bigint,
      letzte_uid = case when uidvalidity is distinct from ${s.uidvalidity.toString()}::bigint then ${s.letzteUid}
                        else greatest(letzte_uid, ${s.letzteUid}) end,
      letzter_fehler = ${s.fehler}, letzter_abruf_at = now()
    where eingang_id = ${s.eingangId}::uuid`.execute(trx);
}

/** Whether a message of this Message-ID was already taken in by the intake. */
export async function messageIdKnown(trx: TenantTrx, s: { eingangId: string; messageId: string }) {
  const { rows } = await sql`select 1 from mail_nachrichten
    where eingang_id = ${s.eingangId}::uuid and message_id = ${s.messageId.slice(0, 1000)} limit 1`.execute(
    trx,
  );
  return rows.length > 0;
}

/** Keeps why the last pass over a mailbox failed (its UID state stays as it was). */
export async function recordImapFehler(trx: TenantTrx, s: { eingangId: string; fehler: string }) {
  await sql`update mail_imap_postfaecher set letzter_fehler = ${s.fehler}, letzter_abruf_at = now()
    where eingang_id = ${s.eingangId}::uuid`.execute(trx);
}

/** What the administration sees of a mailbox: everything but the password. */
export async function readImapStatus(trx: TenantTrx, eingangId: string) {
  const { rows } = await sql<
    Row & { aktiv: boolean; letzter_fehler: string | null; letzter_abruf_at: Date | null }
  >`
    select * from mail_imap_postfaecher where eingang_id = ${eingangId}::uuid`.execute(trx);
  const r = rows[0];
  if (!r) return undefined;
  const { passwort: _passwort, uidvalidity, ...rest } = toPostfach(r);
  return {
    ...rest,
    uidvalidity: uidvalidity === null ? null : uidvalidity.toString(),
    passwortGesetzt: true,
    aktiv: r.aktiv,
    letzterFehler: r.letzter_fehler,
    letzterAbruf: r.letzter_abruf_at?.toISOString() ?? null,
  };
}
