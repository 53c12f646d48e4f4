import { sql } from 'kysely';
import type { Db, TenantTrx } from '../../../platform/database/database.ts';
import type { Trigger } from '../../../platform/outbox/outbox.ts';
import type { Connector, ConnectorInput } from './anbindungen.models.ts';

type ConnectorRow = {
  id: string;
  name: string;
  owner_tenant_id: string;
  owner_name: string;
  ausloeser: Trigger;
  filter: string | null;
  nutzlast: string;
  mapping: Record<string, unknown>;
  transport: string;
  max_versuche: number;
  beschreibung: string;
  a_status: string | null;
  ziel: string | null;
  secret: string | null;
};

const toConnector = (r: ConnectorRow): Connector => ({
  id: r.id,
  name: r.name,
  ownerTenantId: r.owner_tenant_id,
  ownerName: r.owner_name,
  ausloeser: r.ausloeser,
  filter: r.filter ?? null,
  nutzlast: r.nutzlast,
  mapping: r.mapping,
  transport: r.transport,
  maxVersuche: r.max_versuche,
  beschreibung: r.beschreibung,
  aktivierung: { status: r.a_status ?? 'pending', ziel: r.ziel ?? null, secretGesetzt: Boolean(r.secret) },
});

/** All SQL of the connectors (definitions at Verbund level, activations per county). */
export const anbindungenRepository = {
  async list(trx: TenantTrx) {
    const { rows } = await sql<ConnectorRow>`
      select d.*, t.name as owner_name, a.status as a_status, a.ziel, a.secret
      from connector_definitionen d join tenants t on t.id = d.owner_tenant_id
      left join connector_aktivierungen a on a.connector_id = d.id
      order by d.name`.execute(trx);
    return rows.map(toConnector);
  },

  /** The ids of all members (the tenants table is the Verbund's register, readable by all). */
  async tenantIds(db: Db) {
    return (await db.selectFrom('tenants').select('id').execute()).map((t) => t.id);
  },

  /** Inserts the definition in the owner's transaction; false when the id is taken. */
  async insertDefinition(trx: TenantTrx, input: ConnectorInput & { owner: string }) {
    const { rows } = await sql`
      insert into connector_definitionen (id, name, owner_tenant_id, ausloeser, filter, nutzlast, mapping, transport,
        max_versuche, beschreibung)
      values (${input.id}, ${input.name}, ${input.owner}, ${input.ausloeser}, ${input.filter ?? null}, ${input.nutzlast},
        ${JSON.stringify(input.mapping ?? {})}::jsonb, ${input.transport}, ${input.maxVersuche ?? 8}, ${input.beschreibung ?? ''})
      on conflict (id) do nothing returning id`.execute(trx);
    return rows.length > 0;
  },

  /** Makes a connector available (pending) to the county of this transaction. */
  async offer(trx: TenantTrx, connectorId: string) {
    await sql`insert into connector_aktivierungen (tenant_id, connector_id) values (${trx.tenantId}, ${connectorId})
      on conflict do nothing`.execute(trx);
  },

  async activationOf(trx: TenantTrx, connectorId: string) {
    const { rows } = await sql<{ transport: string; ziel: string | null; secret: string | null }>`
      select d.transport, a.ziel, a.secret from connector_definitionen d
      left join connector_aktivierungen a on a.connector_id = d.id where d.id = ${connectorId}`.execute(trx);
    return rows[0];
  },

  async saveActivation(
    trx: TenantTrx,
    connectorId: string,
    activation: { status: string; ziel: string | null; secret: string | null },
  ) {
    await sql`
      insert into connector_aktivierungen (tenant_id, connector_id, status, ziel, secret)
      values (${trx.tenantId}, ${connectorId}, ${activation.status}, ${activation.ziel}, ${activation.secret})
      on conflict (tenant_id, connector_id) do update set status = excluded.status, ziel = excluded.ziel,
        secret = excluded.secret, updated_at = now()`.execute(trx);
  },

  /** Offers every Verbund connector to the county of this transaction; returns the newly offered ones. */
  async offerAll(trx: TenantTrx) {
    const { rows } = await sql<{ id: string; name: string; owner_tenant_id: string }>`
      insert into connector_aktivierungen (tenant_id, connector_id)
      select ${trx.tenantId}, d.id from connector_definitionen d
      on conflict do nothing
      returning connector_id as id, (select name from connector_definitionen where id = connector_id) as name,
        (select owner_tenant_id from connector_definitionen where id = connector_id) as owner_tenant_id`.execute(
      trx,
    );
    return rows;
  },
};
